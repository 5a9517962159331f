// `redshield labels ...` run for real against a temp database (SQLite and PostgreSQL).
import assert from "node:assert/strict";
import { test } from "node:test";
import { issueLabel } from "../../src/labels/index.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addEntity, freshDomain } from "../unit/labels/register-rows.ts";
import { cliEnv, runRedshield } from "./spawn-redshield.ts";

const publicUrl = "https://hongdun.example.gov.cn";

eachProvider("redshield labels", ({ db, temp }) => {
  const env = () => cliEnv(temp().url, { REDSHIELD_PUBLIC_URL: publicUrl });
  const run = (...args: string[]) => runRedshield(["labels", ...args], env());

  test("issue prints details and the serial alone on the last line; verify, badge, revoke, list follow it", async () => {
    const domain = freshDomain();
    const uscc = await addEntity(db().prisma, {
      name: "江湾命令行测试有限公司",
      websites: [domain, freshDomain()],
    });
    const issued = await run("issue", "--uscc", uscc, "--domain", `www.${domain}`, "--expires", "2099-12-31");
    assert.equal(issued.code, 0, issued.stderr);
    const lines = issued.stdout.trimEnd().split("\n");
    const serial = lines.at(-1)!;
    assert.match(serial, /^HD-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.match(issued.stdout, new RegExp(`域名 domains: +${domain.replace(/\./g, "\\.")}`));
    assert.match(issued.stdout, /有效期至 expires: +2099-12-31/);

    const [verified, badge] = await Promise.all([run("verify", serial), run("badge", serial)]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, new RegExp(`${serial}: 有效 \\(valid\\)`));
    assert.equal(badge.code, 0, badge.stderr);
    assert.equal(
      badge.stdout.trim(),
      `<a href="${publicUrl}/verify/${serial}" target="_blank" rel="noopener"><img src="${publicUrl}/badge/${serial}.svg" alt="红盾电子标识" title="红盾电子标识" width="200" height="64" style="border:0"></a>`,
    );

    const revoked = await run("revoke", serial, "--reason", "网站已关闭");
    assert.equal(revoked.code, 0, revoked.stderr);
    const [again, afterVerify, afterBadge, listed] = await Promise.all([
      run("revoke", serial, "--reason", "again"),
      run("verify", serial, "--json"),
      run("badge", serial),
      run("list", "--uscc", uscc, "--json"),
    ]);
    assert.equal(again.code, 4);
    assert.match(again.stderr, /already revoked/);
    assert.equal(JSON.parse(afterVerify.stdout).status, "revoked");
    assert.equal(afterBadge.code, 4, "no badge snippet for a revoked label");
    const rows = JSON.parse(listed.stdout);
    assert.deepEqual(
      rows.map((r: { serial: string; status: string; revokeReason: string }) => [
        r.serial,
        r.status,
        r.revokeReason,
      ]),
      [[serial, "revoked", "网站已关闭"]],
    );
  });

  test("refused cases exit non-zero with the reason on standard error and nothing on standard output", async () => {
    const domain = freshDomain();
    const revokedEntity = await addEntity(db().prisma, {
      name: "已吊销公司",
      status: "吊销",
      websites: [freshDomain()],
    });
    const holder = await addEntity(db().prisma, { name: "正常经营公司", websites: [domain] });
    await issueLabel(db(), { uscc: holder, domains: [domain], actor: "test:cli" }); // the CLI path is the test above
    const cases: [string[], number, RegExp][] = [
      [["issue", "--uscc", revokedEntity, "--domain", "x.example.cn"], 4, /revoked \(吊销\)/],
      [
        ["issue", "--uscc", holder, "--domain", "not-held.example.cn"],
        4,
        /not-held\.example\.cn is not a website/,
      ],
      [
        ["issue", "--uscc", "91110000101623741K", "--domain", domain],
        3,
        /no entity with USCC 91110000101623741K/,
      ],
      [
        ["issue", "--uscc", holder, "--domain", domain, "--expires", "2020-01-01"],
        2,
        /--expires: 2020-01-01 is not in the future/,
      ],
      [["issue", "--uscc", holder, "--domain", domain], 4, /an active label already covers/],
      [["verify", "HD-2026-NOPE-NOPE-NOPE"], 3, /never issued/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(...args)));
    results.forEach((r, i) => {
      const [args, code, pattern] = cases[i]!;
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, pattern, args.join(" "));
      assert.ok(!/\n\s+at /.test(r.stderr), "no stack trace");
    });
    assert.equal(results[0]!.stdout, "", "a refused issue prints no serial");
  });
});
