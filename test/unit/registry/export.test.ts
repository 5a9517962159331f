// Export writes the import format back: export → import changes nothing, on both providers.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { exportRegister, importRegister, parseRegisterFile } from "../../../src/registry/index.ts";
import { chineseHeaders, registerRows, writeCsv, writeXlsx } from "../../helpers/register-files.ts";
import { eachProvider, tempDir } from "../../helpers/temp-db.ts";

const options = { actor: "cli:test" };

eachProvider("register export", ({ db }) => {
  const dir = tempDir();
  // Awkward values: quotes, commas, line breaks, IDN domains, a licence number, an empty date.
  const rows = registerRows(40, {
    0: { name: '江湾市"引号",逗号有限公司', address: "第一行\r\n第二行" },
    1: { domains: "例子.中国;www.Example.COM", icp: "粤ICP证123456号" },
    2: { registered_on: "", region: "" },
  });

  test("CSV export is UTF-8 with BOM and the registration system's Chinese headers", async () => {
    await importRegister(db(), writeCsv(path.join(dir, "in.csv"), rows, "gbk"), options);
    const out = path.join(dir, "out.csv");
    const report = await exportRegister(db().prisma, out);
    assert.equal(report.rows, 40);
    const bytes = fs.readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.toString("utf8").slice(1).split("\r\n")[0], chineseHeaders.join(","));
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.includes("partial")),
      [],
      "no partial file is left",
    );
  });

  test("export → import round-trips exactly, as CSV and as XLSX", async () => {
    for (const name of ["round.csv", "round.xlsx"]) {
      const file = path.join(dir, name);
      await exportRegister(db().prisma, file);
      const again = await importRegister(db(), file, options);
      assert.deepEqual([again.created, again.updated, again.unchanged, again.invalid], [0, 0, 40, 0], name);
      const table = await parseRegisterFile(file);
      const first = table.rows.find((r) => r.values.name?.includes("引号"));
      assert.match(first?.values.address ?? "", /^第一行\r?\n第二行$/, name);
    }
  });

  test("an export imported into an empty register recreates it", async () => {
    const file = path.join(dir, "copy.xlsx");
    await exportRegister(db().prisma, file);
    const before = await db().prisma.entity.findMany({
      include: { presences: true },
      orderBy: { uscc: "asc" },
    });
    await db().prisma.entity.deleteMany();
    const report = await importRegister(db(), file, options);
    assert.equal(report.created, 40);
    const after = await db().prisma.entity.findMany({
      include: { presences: true },
      orderBy: { uscc: "asc" },
    });
    const strip = (list: typeof before) =>
      list.map(({ id, createdAt, updatedAt, presences, ...e }) => ({
        ...e,
        domains: presences.map((p) => p.domain).sort(),
      }));
    assert.deepEqual(strip(after), strip(before));
  });

  test("an XLSX written by another program imports the same as the CSV", async () => {
    const file = await writeXlsx(path.join(dir, "other.xlsx"), rows);
    const report = await importRegister(db(), file, options);
    assert.deepEqual([report.created, report.updated, report.unchanged], [0, 0, 40]);
  });

  test("an export to a folder that does not exist is an input error naming the file", async () => {
    const file = path.join(dir, "missing", "out.csv");
    await assert.rejects(exportRegister(db().prisma, file), (e: Error) =>
      e.message.startsWith(`${file}: cannot write`),
    );
  });
});
