// Issuing, revoking, verifying and listing labels against a real database (SQLite and PostgreSQL).
import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError, NotFoundError, RefusedError } from "../../../src/errors.ts";
import { maskUscc } from "../../../src/identity/index.ts";
import {
  chinaDate,
  issueLabel,
  listLabels,
  newSerial,
  revokeLabel,
  verifyLabel,
} from "../../../src/labels/index.ts";
import { oneYearAfter } from "../../../src/labels/dates.ts";
import { eachProvider } from "../../helpers/temp-db.ts";
import { addEntity, freshDomain } from "./register-rows.ts";

const actor = "test:labels";
const dayMs = 24 * 60 * 60 * 1000;

function refusedWith(pattern: RegExp, zhPattern: RegExp) {
  return (e: unknown) => e instanceof RefusedError && pattern.test(e.message) && zhPattern.test(e.zhMessage);
}

eachProvider("labels", ({ db }) => {
  async function holder(status = "存续", websites = [freshDomain(), freshDomain()]) {
    const uscc = await addEntity(db().prisma, {
      name: `江湾${status}测试有限公司`,
      status,
      websites,
      shops: ["taobao.com"],
    });
    return { uscc, websites };
  }
  const labelCount = () => db().prisma.label.count();

  test("a label is issued for held domains, valid for a year, and audited", async () => {
    const { uscc, websites } = await holder();
    const label = await issueLabel(db(), {
      uscc,
      domains: [`https://www.${websites[0]!.toUpperCase()}/shop`],
      actor,
    });
    assert.match(label.serial, /^HD-\d{4}-\w{4}-\w{4}-\w{4}$/);
    assert.deepEqual(label.domains, [websites[0]]);
    assert.equal(label.status, "valid");
    assert.equal(label.expiresOn, oneYearAfter(chinaDate(new Date())));
    assert.equal(label.issuedBy, actor);
    const rows = await db().prisma.auditLog.findMany({
      where: { subjectType: "label", subjectId: label.serial },
    });
    assert.deepEqual(
      rows.map((r) => [r.action, r.actor, JSON.parse(r.details).uscc]),
      [["label.issue", actor, uscc]],
    );
  });

  test("an explicit future expiry date is kept; one label may cover several domains", async () => {
    const { uscc, websites } = await holder();
    const label = await issueLabel(db(), { uscc, domains: websites, expiresOn: "2099-06-30", actor });
    assert.equal(label.expiresOn, "2099-06-30");
    assert.deepEqual(label.domains, [...websites].sort());
  });

  for (const status of ["吊销", "注销", "吊销，未注销", "迁出", "停业"]) {
    test(`an entity whose status is ${status} is refused, with the reason, and nothing is written`, async () => {
      const { uscc, websites } = await holder(status);
      const before = await labelCount();
      await assert.rejects(
        issueLabel(db(), { uscc, domains: [websites[0]!], actor }),
        refusedWith(/cannot hold a label/, new RegExp(status.slice(0, 2))),
      );
      assert.equal(await labelCount(), before);
    });
  }

  test("a domain the entity does not hold as a website is refused (also a platform-shop domain)", async () => {
    const { uscc, websites } = await holder();
    const other = freshDomain("other");
    await assert.rejects(
      issueLabel(db(), { uscc, domains: [websites[0]!, other], actor }),
      refusedWith(new RegExp(`${other} is not a website`), /不是登记簿中/),
    );
    await assert.rejects(issueLabel(db(), { uscc, domains: ["taobao.com"], actor }), RefusedError);
  });

  test("an unknown USCC is not found; a malformed one is invalid input", async () => {
    await assert.rejects(
      issueLabel(db(), { uscc: "91110000101623741K", domains: ["x.example.cn"], actor }),
      (e: unknown) => e instanceof NotFoundError && /no entity with USCC 91110000101623741K/.test(e.message),
    );
    await assert.rejects(
      issueLabel(db(), { uscc: "91110000101623741X", domains: ["x.example.cn"], actor }),
      (e: unknown) => e instanceof InputError && /--uscc/.test(e.message),
    );
  });

  test("an expiry date today or in the past is refused as invalid input", async () => {
    const { uscc, websites } = await holder();
    for (const expiresOn of [chinaDate(new Date()), "2020-01-01", "2099-02-30"]) {
      await assert.rejects(
        issueLabel(db(), { uscc, domains: [websites[0]!], expiresOn, actor }),
        (e: unknown) => e instanceof InputError && /--expires/.test(e.message),
        expiresOn,
      );
    }
  });

  test("a second active label for the same domain is refused until the first is revoked", async () => {
    const { uscc, websites } = await holder();
    const first = await issueLabel(db(), { uscc, domains: [websites[0]!], actor });
    await assert.rejects(
      issueLabel(db(), { uscc, domains: websites, actor }),
      refusedWith(new RegExp(`${websites[0]} \\(${first.serial}\\)`), /已有有效的电子标识/),
    );
    await revokeLabel(db(), { serial: first.serial, reason: "换发", actor });
    const second = await issueLabel(db(), { uscc, domains: websites, actor });
    assert.notEqual(second.serial, first.serial);
  });

  test("two simultaneous issues for one domain: exactly one label is issued, the other is refused", async () => {
    const { uscc, websites } = await holder();
    const attempts = await Promise.allSettled(
      [1, 2, 3].map(() => issueLabel(db(), { uscc, domains: [websites[0]!], actor })),
    );
    assert.equal(attempts.filter((a) => a.status === "fulfilled").length, 1);
    for (const a of attempts)
      if (a.status === "rejected") assert.ok(a.reason instanceof RefusedError, String(a.reason));
  });

  test("an expired label does not block a new one", async () => {
    const { uscc, websites } = await holder();
    const old = await issueLabel(db(), {
      uscc,
      domains: [websites[0]!],
      actor,
      now: new Date(Date.now() - 800 * dayMs),
    });
    assert.equal((await verifyLabel(db(), old.serial)).status, "expired");
    const fresh = await issueLabel(db(), { uscc, domains: [websites[0]!], actor });
    assert.equal(fresh.status, "valid");
  });

  test("revoking needs a reason, is audited, and a second revocation is refused", async () => {
    const { uscc, websites } = await holder();
    const label = await issueLabel(db(), { uscc, domains: [websites[0]!], actor });
    await assert.rejects(revokeLabel(db(), { serial: label.serial, reason: "  ", actor }), InputError);
    const revoked = await revokeLabel(db(), {
      serial: label.serial.toLowerCase(),
      reason: "网站关停",
      actor,
    });
    assert.equal(revoked.status, "revoked");
    assert.equal(revoked.revokeReason, "网站关停");
    await assert.rejects(
      revokeLabel(db(), { serial: label.serial, reason: "again", actor }),
      refusedWith(/already revoked/, /已于 \d{4}-\d{2}-\d{2} 撤销/),
    );
    const row = await db().prisma.label.findUnique({ where: { serial: label.serial } });
    assert.equal(row?.revokeReason, "网站关停", "the first reason is kept");
    const audits = await db().prisma.auditLog.findMany({
      where: { subjectId: label.serial },
      orderBy: { id: "asc" },
    });
    assert.deepEqual(
      audits.map((a) => a.action),
      ["label.issue", "label.revoke"],
    );
  });

  test("revoking a serial never issued is not found; a malformed serial is invalid input", async () => {
    await assert.rejects(revokeLabel(db(), { serial: newSerial(2026), reason: "x", actor }), NotFoundError);
    await assert.rejects(revokeLabel(db(), { serial: "HD-nonsense", reason: "x", actor }), InputError);
  });

  test("verification shows valid, revoked, expired and not issued, with the USCC masked", async () => {
    const { uscc, websites } = await holder();
    const label = await issueLabel(db(), { uscc, domains: [websites[0]!], actor });
    const valid = await verifyLabel(db(), label.serial);
    assert.deepEqual(valid, {
      serial: label.serial,
      status: "valid",
      holderName: "江湾存续测试有限公司",
      usccMasked: maskUscc(uscc),
      domains: [websites[0]],
      issuedOn: label.issuedOn,
      expiresOn: label.expiresOn,
      revokedOn: null,
    });
    assert.ok(!JSON.stringify(valid).includes(uscc), "the full USCC is not public");
    await revokeLabel(db(), { serial: label.serial, reason: "内部原因", actor });
    const revoked = await verifyLabel(db(), label.serial);
    assert.equal(revoked.status, "revoked");
    assert.ok(!JSON.stringify(revoked).includes("内部原因"), "the revocation reason stays internal");
    const afterExpiry = await verifyLabel(db(), label.serial, new Date(Date.now() + 400 * dayMs));
    assert.equal(afterExpiry.status, "revoked", "revoked stays revoked after the expiry date");
    const unknown = newSerial(2026);
    assert.deepEqual(await verifyLabel(db(), unknown), { serial: unknown, status: "not_issued" });
    assert.equal((await verifyLabel(db(), "<script>")).status, "not_issued");
  });

  test("listing shows every label with its status, or only one entity's", async () => {
    const a = await holder();
    const b = await holder();
    const la = await issueLabel(db(), { uscc: a.uscc, domains: [a.websites[0]!], actor });
    const lb = await issueLabel(db(), { uscc: b.uscc, domains: [b.websites[0]!], actor });
    await revokeLabel(db(), { serial: lb.serial, reason: "r", actor });
    const onlyA = await listLabels(db(), { uscc: a.uscc });
    assert.deepEqual(
      onlyA.map((l) => [l.serial, l.status, l.uscc]),
      [[la.serial, "valid", a.uscc]],
    );
    const all = await listLabels(db());
    const found = all.find((l) => l.serial === lb.serial);
    assert.equal(found?.status, "revoked");
    assert.equal(found?.revokeReason, "r");
    await assert.rejects(listLabels(db(), { uscc: "91110000101623741K" }), NotFoundError);
  });
});
