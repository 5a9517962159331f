// The shard's register cache: findByHosts answers exactly what findByHost answers for each host,
// and a primed RegisterLookup gives the same answers as one that looks everything up one by one.
import assert from "node:assert/strict";
import path from "node:path";
import { before, test } from "node:test";
import { RegisterLookup } from "../../crawlers/shared/register-lookup.ts";
import type { Prisma } from "../../src/db/index.ts";
import { issueLabel, revokeLabel } from "../../src/labels/index.ts";
import { findByHosts } from "../../src/registry/hosts.ts";
import { findByHost, importRegister } from "../../src/registry/index.ts";
import { registerRows, usccFor, writeCsv } from "../helpers/register-files.ts";
import { eachProvider, tempDir } from "../helpers/temp-db.ts";

const hosts = [
  "example.cn",
  "shop.example.cn",
  "m.shop.example.cn",
  "x.m.shop.example.cn",
  "www.example.cn",
  "other.example.cn",
  "shop4.cn",
  "WWW.Shop5.CN",
  "brand13.com.cn",
  "brand-x.cn",
  "nobody.cn",
  "not a host",
  "127.0.0.1",
  ...Array.from({ length: 30 }, (_, i) => `shop${i + 6}.cn`),
];

eachProvider("register lookup for a shard", ({ db }) => {
  before(async () => {
    const rows = registerRows(40, {
      0: { domains: "example.cn" },
      1: { domains: "shop.example.cn" },
      2: { domains: "m.shop.example.cn;brand-x.cn" },
    });
    await importRegister(db(), writeCsv(path.join(tempDir(), "r.csv"), rows), { actor: "test" });
    const now = new Date();
    const old = await issueLabel(db(), { uscc: usccFor(8), domains: ["shop8.cn"], actor: "test", now });
    await revokeLabel(db(), { serial: old.serial, reason: "测试", actor: "test", now });
    await issueLabel(db(), { uscc: usccFor(8), domains: ["shop8.cn"], actor: "test", now });
    await issueLabel(db(), { uscc: usccFor(9), domains: ["shop9.cn"], actor: "test", now });
  });

  test("findByHosts gives, for every host, what findByHost gives", async () => {
    const many = await findByHosts(db().prisma, hosts);
    assert.equal(many.size, new Set(hosts).size);
    let matched = 0;
    for (const h of hosts) {
      const one = await findByHost(db().prisma, h);
      assert.deepEqual(many.get(h), one, h);
      if (one.length > 0) matched++;
    }
    assert.ok(matched >= 30, `only ${matched} hosts had entities`);
    assert.deepEqual(
      many.get("x.m.shop.example.cn")!.map((e) => e.uscc),
      [usccFor(3), usccFor(2), usccFor(1)],
    );
  });

  test("a primed lookup answers like an unprimed one, without querying again", async () => {
    let queries = 0;
    const counted = db().prisma.$extends({
      query: {
        async $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    }) as unknown as Prisma;
    const primed = new RegisterLookup(counted);
    const plain = new RegisterLookup(db().prisma);
    await primed.prime(hosts);
    assert.equal(queries, 2, "one query for the entities, one for their labels");
    const ask = async (l: RegisterLookup, h: string) => {
      const entity = await l.byDomain(h);
      return {
        entity,
        byUscc: entity ? await l.byUscc(entity.uscc) : null,
        labels: entity ? await l.labelsOf(entity.id) : [],
      };
    };
    let labelled = 0;
    for (const h of hosts) {
      const a = await ask(primed, h);
      assert.deepEqual(a, await ask(plain, h), h);
      if (a.labels.length > 0) labelled++;
    }
    assert.equal(queries, 2, "primed answers need no further query");
    assert.equal(labelled, 2, "shop8.cn and shop9.cn hold labels");
    const shop8 = await primed.labelsOf((await primed.byDomain("shop8.cn"))!.id);
    assert.deepEqual(
      shop8.map((l) => l.state),
      ["revoked", "valid"],
    );
    const shop9 = await primed.labelsOf((await primed.byDomain("shop9.cn"))!.id);
    assert.deepEqual(
      shop9.map((l) => l.state),
      ["valid"],
    );
  });
});
