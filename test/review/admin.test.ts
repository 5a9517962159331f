// Administration through the app: register upload (CSV and XLSX, the CLI's validation and
// report, nothing written on rejection), e-label issue and revoke, the staff list.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { csvText, lineOfRow, registerRows, withBadCheck, writeXlsx } from "../helpers/register-files.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addEntity, freshDomain } from "../unit/labels/register-rows.ts";
import { addStaff, get, post, reviewApp, type Session, signIn } from "./helpers.ts";

/** A multipart form post, as a browser sends a file upload. */
function upload(
  app: FastifyInstance,
  s: Session,
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer },
  csrf = s.csrf,
) {
  const boundary = `----rs${crypto.randomBytes(8).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: csrf, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return app.inject({
    method: "POST",
    url: "/admin/register",
    headers: { cookie: s.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

eachProvider("review UI: administration", ({ db, temp }) => {
  let app: FastifyInstance;
  let admin: Session;
  let adminName: string;
  before(async () => {
    app = await reviewApp(db(), temp());
    adminName = await addStaff(db(), "admin");
    admin = await signIn(app, adminName);
  });
  after(() => app.close());

  test("a register CSV with a bad row is rejected whole: line, column and reason shown, nothing written", async () => {
    const rows = registerRows(3, { 1: { uscc: withBadCheck(registerRows(2)[1]!.uscc) } }, 500);
    const res = await upload(app, admin, {}, { name: "名册.csv", bytes: Buffer.from(csvText(rows)) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /data-outcome="rejected"/);
    assert.match(res.body, /文件有错误，未导入任何数据/);
    const problem =
      /<table id="import-problems">[\s\S]*?<tr><td class="num">(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/.exec(
        res.body,
      );
    assert.ok(problem, "a problem row");
    assert.equal(Number(problem[1]), lineOfRow(1));
    assert.equal(problem[2], "统一社会信用代码");
    assert.equal(await db().prisma.entity.count(), 0);
  });

  test("with skip-invalid the good rows are imported; a valid XLSX imports; both audited by the admin's name", async () => {
    const rows = registerRows(3, { 2: { name: "" } }, 600);
    const skipped = await upload(
      app,
      admin,
      { skipInvalid: "1" },
      { name: "r.csv", bytes: Buffer.from(csvText(rows)) },
    );
    assert.equal(skipped.statusCode, 200);
    assert.match(skipped.body, /data-outcome="imported"/);
    assert.match(skipped.body, /新增 2/);
    const file = path.join(temp().dataDir, "register.xlsx");
    await writeXlsx(file, registerRows(2, {}, 700));
    const xlsx = await upload(app, admin, {}, { name: "register.xlsx", bytes: fs.readFileSync(file) });
    assert.equal(xlsx.statusCode, 200);
    assert.match(xlsx.body, /新增 2/);
    assert.equal(await db().prisma.entity.count(), 4);
    const audit = await db().prisma.auditLog.findMany({ where: { actor: adminName } });
    assert.ok(audit.length > 0);
    const dry = await upload(
      app,
      admin,
      { dryRun: "1" },
      { name: "d.csv", bytes: Buffer.from(csvText(registerRows(2, {}, 800))) },
    );
    assert.match(dry.body, /data-outcome="checked"/);
    assert.equal(await db().prisma.entity.count(), 4, "a dry run writes nothing");
  });

  test("an unreadable file or a wrong type is a Chinese input error; an upload without the CSRF token is refused", async () => {
    const txt = await upload(app, admin, {}, { name: "r.txt", bytes: Buffer.from("x") });
    assert.equal(txt.statusCode, 400);
    assert.match(txt.body, /请选择 \.csv 或 \.xlsx 文件/);
    const broken = await upload(app, admin, {}, { name: "r.xlsx", bytes: Buffer.from("not a zip") });
    assert.equal(broken.statusCode, 400);
    const noToken = await upload(
      app,
      admin,
      {},
      { name: "r.csv", bytes: Buffer.from(csvText(registerRows(1, {}, 900))) },
      "forged",
    );
    assert.equal(noToken.statusCode, 403);
    const reviewer = await signIn(app, await addStaff(db(), "reviewer"));
    const refused = await upload(
      app,
      reviewer,
      {},
      { name: "r.csv", bytes: Buffer.from(csvText(registerRows(1, {}, 901))) },
    );
    assert.equal(refused.statusCode, 403);
    assert.equal(
      await db().prisma.entity.count({
        where: { uscc: { in: registerRows(2, {}, 900).map((r) => r.uscc) } },
      }),
      0,
    );
  });

  test("labels: issue for a registered website, refuse a domain it does not hold, revoke with a reason", async () => {
    const domain = freshDomain();
    const uscc = await addEntity(db().prisma, { name: "标识示例有限公司", websites: [domain] });
    assert.equal((await post(app, admin, "/admin/labels", { uscc, domains: domain })).statusCode, 303);
    const label = await db().prisma.label.findFirstOrThrow({ where: { entity: { uscc } } });
    const page = await get(app, admin, "/admin");
    assert.ok(page.body.includes(label.serial));
    const wrong = await post(app, admin, "/admin/labels", { uscc, domains: "not-theirs.example.cn" });
    assert.equal(wrong.statusCode, 409);
    assert.match(wrong.body, /不予签发/);
    const noReason = await post(app, admin, `/admin/labels/${label.serial}/revoke`, { reason: "" });
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (await post(app, admin, `/admin/labels/${label.serial}/revoke`, { reason: "冒用" })).statusCode,
      303,
    );
    const revoked = await db().prisma.label.findUniqueOrThrow({ where: { serial: label.serial } });
    assert.ok(revoked.revokedAt);
    assert.equal(revoked.revokeReason, "冒用");
    const audit = await db().prisma.auditLog.findMany({
      where: { subjectType: "label", subjectId: label.serial },
      orderBy: { id: "asc" },
    });
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor]),
      [
        ["label.issue", adminName],
        ["label.revoke", adminName],
      ],
    );
  });

  test("the staff list shows every account with its role in Chinese", async () => {
    const viewerName = await addStaff(db(), "viewer");
    const page = await get(app, admin, "/admin");
    assert.match(page.body, new RegExp(`<td>${viewerName}</td><td>只读人员</td>`));
    assert.match(page.body, new RegExp(`<td>${adminName}</td><td>管理员</td>`));
  });
});
