// The register's read side: lookups by USCC, domain, host and ICP subject; paging.
import assert from "node:assert/strict";
import path from "node:path";
import { before, test } from "node:test";
import {
  findByDomain,
  findByHost,
  findByIcpSubject,
  findByUscc,
  importRegister,
  listEntities,
} from "../../../src/registry/index.ts";
import { registerRows, usccFor, writeCsv } from "../../helpers/register-files.ts";
import { eachProvider, tempDir } from "../../helpers/temp-db.ts";

eachProvider("entity repository", ({ db }) => {
  before(async () => {
    const rows = registerRows(25, {
      0: { domains: "example.cn", icp: "粤ICP备19015064号-1" },
      1: { domains: "shop.example.cn", icp: "粤ICP备19015064号-2" },
      2: { icp: "粤ICP备19015064号" },
    });
    await importRegister(db(), writeCsv(path.join(tempDir(), "r.csv"), rows), { actor: "test" });
  });

  test("by USCC, in any case; null when absent", async () => {
    const e = await findByUscc(db().prisma, usccFor(5).toLowerCase());
    assert.equal(e?.uscc, usccFor(5));
    assert.equal(await findByUscc(db().prisma, usccFor(99)), null);
  });

  test("by domain: normalised first, exact match only", async () => {
    const found = await findByDomain(db().prisma, "https://WWW.Example.cn/about");
    assert.deepEqual(
      found.map((e) => e.uscc),
      [usccFor(1)],
    );
    assert.deepEqual(await findByDomain(db().prisma, "other.example.cn"), []);
    assert.deepEqual(await findByDomain(db().prisma, "not a domain"), []);
  });

  test("by host: the most specific registered parent domain first", async () => {
    const found = await findByHost(db().prisma, "m.shop.example.cn");
    assert.deepEqual(
      found.map((e) => e.uscc),
      [usccFor(2), usccFor(1)],
    );
  });

  test("by ICP subject: every site filed under the same number", async () => {
    for (const key of ["粤ICP备19015064号-7", "粤ICP备19015064"]) {
      const found = await findByIcpSubject(db().prisma, key);
      assert.deepEqual(
        found.map((e) => e.uscc),
        [usccFor(1), usccFor(2), usccFor(3)],
        key,
      );
    }
    assert.deepEqual(await findByIcpSubject(db().prisma, "京ICP备19015064号"), []);
  });

  test("list pages through entities in USCC order, with filters", async () => {
    const page2 = await listEntities(db().prisma, { page: 2, pageSize: 10 });
    assert.equal(page2.total, 25);
    assert.deepEqual(
      page2.items.map((e) => e.uscc),
      Array.from({ length: 10 }, (_, i) => usccFor(11 + i)),
    );
    const revoked = await listEntities(db().prisma, { status: "吊销" });
    assert.ok(revoked.total > 0);
    assert.ok(revoked.items.every((e) => e.status === "吊销"));
    const named = await listEntities(db().prisma, { nameContains: "第12号" });
    assert.deepEqual(
      named.items.map((e) => e.uscc),
      [usccFor(12)],
    );
  });
});
