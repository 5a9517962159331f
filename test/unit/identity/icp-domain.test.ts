import assert from "node:assert/strict";
import { test } from "node:test";
import { formatIcp, normaliseDomain, parseIcp } from "../../../src/identity/index.ts";

test("ICP numbers parse with the site suffix before or after 号", () => {
  assert.deepEqual(parseIcp("京ICP备2021033841号-2"), {
    province: "京",
    kind: "filing",
    digits: "2021033841",
    site: 2,
  });
  assert.deepEqual(parseIcp("陕ICP备15002899-4号"), {
    province: "陕",
    kind: "filing",
    digits: "15002899",
    site: 4,
  });
  assert.deepEqual(parseIcp("粤ＩＣＰ备19015064号"), {
    province: "粤",
    kind: "filing",
    digits: "19015064",
    site: null,
  });
  assert.deepEqual(parseIcp("京ICP证030173号"), {
    province: "京",
    kind: "licence",
    digits: "030173",
    site: null,
  });
  assert.equal(parseIcp("ICP备123号"), null);
  assert.equal(parseIcp("港ICP备19015064号"), null);
  assert.equal(formatIcp(parseIcp("陕ICP备15002899-4号")!), "陕ICP备15002899号-4");
});

test("domains are normalised: case, scheme, path, port, www, IDN", () => {
  assert.deepEqual(normaliseDomain("HTTPS://WWW.Example.CN:8080/shop?x=1"), {
    ok: true,
    domain: "example.cn",
  });
  assert.deepEqual(normaliseDomain("红盾.中国"), { ok: true, domain: "xn--y0yx6n.xn--fiqs8s" });
  assert.equal(normaliseDomain("not a domain").ok, false);
  assert.equal(normaliseDomain("localhost").ok, false);
  assert.equal(normaliseDomain("127.0.0.1").ok, false);
  assert.equal(normaliseDomain("").ok, false);
});
