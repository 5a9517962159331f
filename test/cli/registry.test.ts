// `redshield registry ...` as operators run it: the real bin, a real database (SQLite file and
// PostgreSQL), register files generated in a temp dir.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { lineOfRow, registerRows, usccFor, withBadCheck, writeCsv } from "../helpers/register-files.ts";
import { eachProvider, type TempDb, tempDir } from "../helpers/temp-db.ts";

type Run = { code: number | null; stdout: string; stderr: string };

function run(temp: TempDb, args: string[], wrapper?: (argv: string[]) => string[]): Promise<Run> {
  const argv = [process.execPath, "bin/redshield.js", ...args];
  const [cmd, ...rest] = wrapper ? wrapper(argv) : argv;
  const child = spawn(cmd!, rest, {
    env: { ...process.env, DATABASE_URL: temp.url, REDSHIELD_DATA_DIR: temp.dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** The stderr lines that report problems in a file (the database's own log lines left out). */
const problemLines = (r: Run, file: string) => r.stderr.split("\n").filter((l) => l.startsWith(`${file}:`));

const badRows = [16, 4241, 9998];
const rows = registerRows(
  10_000,
  Object.fromEntries(badRows.map((i) => [i, { uscc: withBadCheck(usccFor(i + 1)) }])),
);

eachProvider("redshield registry", ({ temp, db }) => {
  const dir = tempDir();
  const file = writeCsv(path.join(dir, "register.csv"), rows, "gbk");

  test("a 10,000-row file with bad check characters exits 2, names each bad line, writes nothing", async () => {
    const r = await run(temp(), ["registry", "import", file]);
    assert.equal(r.code, 2, r.stderr);
    const lines = problemLines(r, file);
    assert.equal(lines.length, 3, r.stderr);
    badRows.forEach((row, i) => {
      const expected = usccFor(row + 1)[17];
      assert.match(
        lines[i]!,
        new RegExp(
          `^${file}:${lineOfRow(row)}: column 统一社会信用代码: .*check character \\(expected ${expected}\\)$`,
        ),
      );
    });
    assert.match(r.stderr, /3 of 10000 rows are invalid; nothing was imported/);
    assert.equal(r.stdout, "");
    assert.equal(await db().prisma.entity.count(), 0);
    assert.equal(await db().prisma.auditLog.count(), 0);
  });

  test("--dry-run --skip-invalid reports what would happen and writes nothing", async () => {
    const r = await run(temp(), ["registry", "import", "--dry-run", "--skip-invalid", file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "dry run, nothing written: 9997 created, 0 updated, 0 unchanged, 3 invalid\n");
    assert.equal(await db().prisma.entity.count(), 0);
  });

  test("--skip-invalid imports the rest and reports the bad lines on stderr, without progress noise", async () => {
    const r = await run(temp(), ["registry", "import", "--skip-invalid", file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "imported: 9997 created, 0 updated, 0 unchanged, 3 invalid\n");
    assert.equal(problemLines(r, file).length, 3);
    assert.doesNotMatch(r.stderr, /rows\/s|\r/);
    assert.equal(await db().prisma.entity.count(), 9997);
  });

  test("a second identical import reports 0 changes", async () => {
    const r = await run(temp(), ["registry", "import", "--skip-invalid", file]);
    assert.equal(r.stdout, "imported: 0 created, 0 updated, 9997 unchanged, 3 invalid\n");
  });

  test("export → import round-trips: the re-import changes nothing", async () => {
    const out = path.join(dir, "export.csv");
    const e = await run(temp(), ["registry", "export", out]);
    assert.equal(e.code, 0, e.stderr);
    assert.equal(e.stdout, `exported: 9997 entities to ${out}\n`);
    const r = await run(temp(), ["registry", "import", out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "imported: 0 created, 0 updated, 9997 unchanged, 0 invalid\n");
  });

  test("a changed row is updated and audited with old and new values", async () => {
    const changed = rows
      .slice(0, 16)
      .map((row, i) => (i === 9 ? { ...row, address: "江湾市滨江路1号" } : row));
    const r = await run(temp(), ["registry", "import", writeCsv(path.join(dir, "changed.csv"), changed)]);
    assert.equal(r.stdout, "imported: 0 created, 1 updated, 15 unchanged, 0 invalid\n", r.stderr);
    const audit = await db().prisma.auditLog.findFirst({
      where: { action: "entity.update", subjectId: usccFor(10) },
    });
    assert.deepEqual(JSON.parse(audit!.details).changes, {
      address: { old: "江湾市新城路10号", new: "江湾市滨江路1号" },
    });
    assert.match(audit!.actor, /^cli:/);
  });

  test("show prints an entity by USCC or by domain; an unknown one exits 3", async () => {
    const byCode = await run(temp(), ["registry", "show", usccFor(10)]);
    assert.equal(byCode.code, 0, byCode.stderr);
    assert.match(
      byCode.stdout,
      new RegExp(`统一社会信用代码: ${usccFor(10)}\n名称: 江湾市第10号贸易有限公司\n`),
    );
    assert.match(byCode.stdout, /住所: 江湾市滨江路1号/);
    const byDomain = await run(temp(), ["registry", "show", "https://www.brand13.com.cn/shop"]);
    assert.match(byDomain.stdout, new RegExp(`统一社会信用代码: ${usccFor(13)}`));
    const unknown = await run(temp(), ["registry", "show", "nobody.example.cn"]);
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /no entity in the register for "nobody.example.cn"/);
  });

  test("an unreadable file exits 2 naming file and line", async () => {
    const bad = path.join(dir, "bad-header.csv");
    fs.writeFileSync(bad, "uscc,name,kind,status,phone\r\nx,y,z,w,1\r\n");
    const r = await run(temp(), ["registry", "import", bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`redshield: ${bad}:1: unknown column "phone"`));
  });

  test("on a terminal a progress line is redrawn in place", async () => {
    const small = writeCsv(path.join(dir, "small.csv"), registerRows(20, {}, 20_001));
    const viaPty = (argv: string[]) => ["script", "-qec", argv.map((a) => `'${a}'`).join(" "), "/dev/null"];
    const r = await run(temp(), ["registry", "import", small], viaPty);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /\r\x1b\[2Kparsed 20 · validated 20 · written 20\/20 · \d+ rows\/s/);
    assert.match(r.stdout, /imported: 20 created, 0 updated, 0 unchanged, 0 invalid/);
  });
});
