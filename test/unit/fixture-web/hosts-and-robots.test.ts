// Virtual hosts by Host header, robots.txt per site, shared images, methods, badges built from
// the options, the request log and the synthetic shops.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { usccProblem } from "../../../src/identity/index.ts";
import {
  FORGED_SERIAL,
  LOOKALIKE_VERIFY_HOST,
  PLACEHOLDER_LABEL_SERIALS,
  syntheticExpectedFindings,
  syntheticPaths,
  syntheticRegisterRows,
  syntheticSeedUrl,
  UNKNOWN_SERIAL,
} from "../../fixtures/web/manifest.ts";
import { type FixtureWeb, startFixtureWeb } from "../../helpers/site-server.ts";
import { fetchVia } from "./client.ts";

describe("fixture web with default options", () => {
  let web: FixtureWeb;
  before(async () => {
    web = await startFixtureWeb();
  });
  after(() => web.close());
  const get = (url: string, method?: string) => fetchVia(web.port, url, { method });

  test("sites are chosen by the Host header; aliases, case and port are ignored", async () => {
    const home = await get("http://xinghe-shop.cn/");
    assert.equal(home.status, 200);
    assert.match(home.body.toString(), /星河优品/);
    assert.match(String(home.headers["content-type"]), /text\/html; charset=utf-8/);
    assert.deepEqual((await get("http://XINGHE-SHOP.CN:80/")).body, home.body);
    assert.deepEqual((await get("http://www.lvye-tea.com/")).body, (await get("http://lvye-tea.com/")).body);
    assert.doesNotMatch((await get("http://lvye-tea.com/")).body.toString(), /星河优品/);
    assert.match(
      web.hostMap,
      new RegExp(`^\\*\\.cn=127\\.0\\.0\\.1:${web.port},\\*\\.com=127\\.0\\.0\\.1:${web.port},\\*\\.net=`),
    );
    assert.equal(web.url("xinghe-shop.cn", "/cart.html"), "http://xinghe-shop.cn/cart.html");
  });

  test("unknown hosts and unknown paths answer 404", async () => {
    assert.equal((await get("http://no-such-site.cn/")).status, 404);
    assert.equal((await get("http://xinghe-shop.cn/no/such/page.html")).status, 404);
    assert.equal((await get("http://s00001.shop-bulk.cn/")).status, 404, "no synthetic sites unless asked");
  });

  test("robots.txt: custom rules, disallow-all, permissive default, and none", async () => {
    const liangpin = await get("http://liangpin-shop.cn/robots.txt");
    assert.match(liangpin.body.toString(), /User-agent: \*\nDisallow: \/private\//);
    assert.match(String(liangpin.headers["content-type"]), /^text\/plain/);
    assert.equal(
      (await get("http://mimi-club.net/robots.txt")).body.toString(),
      "User-agent: *\nDisallow: /\n",
    );
    assert.equal(
      (await get("http://xinghe-shop.cn/robots.txt")).body.toString(),
      "User-agent: *\nDisallow:\n",
    );
    assert.equal((await get("http://wanlian-keji.net/robots.txt")).status, 404);
  });

  test("images are served on every host; HEAD has headers only; other methods are refused", async () => {
    const badge = await get("http://anxin-muying.cn/badge.png");
    assert.equal(badge.headers["content-type"], "image/png");
    assert.deepEqual([...badge.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const head = await get("http://xinghe-shop.cn/", "HEAD");
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.ok(Number(head.headers["content-length"]) > 1000);
    assert.equal((await get("http://xinghe-shop.cn/", "POST")).status, 405);
  });

  test("badges carry the placeholder serials and the default public URL", async () => {
    const anxin = (await get("http://anxin-muying.cn/")).body.toString();
    assert.ok(anxin.includes(`href="http://127.0.0.1:8080/verify/${PLACEHOLDER_LABEL_SERIALS.valid}"`));
    assert.match(anxin, /<img src="\/badge.png" alt="红盾电子标识"/);
    const dongfang = (await get("http://dongfang-chaju.cn/")).body.toString();
    assert.ok(dongfang.includes(`href="http://${LOOKALIKE_VERIFY_HOST}/verify/${FORGED_SERIAL}"`));
    const fake = await get(`http://${LOOKALIKE_VERIFY_HOST}/verify/${FORGED_SERIAL}`);
    assert.match(fake.body.toString(), /标识状态<\/th><td>有效/);
    assert.ok(
      (await get("http://baihe-xianhua.net/")).body.toString().includes(`/verify/${UNKNOWN_SERIAL}"`),
    );
    const chunfeng = (await get("http://chunfeng-wanju.cn/")).body.toString();
    assert.match(chunfeng, /<p class="badge"><img src="\/badge.png" alt="红盾电子标识"/);
    assert.doesNotMatch((await get("http://fengshou-nongchang.com/")).body.toString(), /红盾电子标识/);
  });

  test("the request log records host, path, time and User-Agent of every request", async () => {
    const before = Date.now();
    web.requests.clear();
    await fetchVia(web.port, "http://Xinghe-Shop.cn:80/cart.html?x=1", {
      userAgent: "RedShieldBot/1.0 (+http://127.0.0.1:8080/bot)",
    });
    await get("http://no-such-site.cn/a");
    assert.equal(web.requests.total, 2);
    const [first] = web.requests.entries;
    assert.equal(first?.host, "xinghe-shop.cn");
    assert.equal(first?.path, "/cart.html?x=1");
    assert.equal(first?.url, "http://xinghe-shop.cn/cart.html?x=1");
    assert.equal(first?.userAgent, "RedShieldBot/1.0 (+http://127.0.0.1:8080/bot)");
    assert.ok(first!.time >= before && first!.time <= Date.now());
    assert.ok(web.requests.has("http://no-such-site.cn/a"));
    assert.equal(web.requests.forHost("no-such-site.cn").length, 1);
  });
});

describe("fixture web with options", () => {
  let web: FixtureWeb;
  const serials = {
    valid: "HD-2026-AAAA-BBBB-CCC1",
    revoked: "HD-2026-AAAA-BBBB-CCC2",
    expired: "HD-2026-AAAA-BBBB-CCC3",
    otherDomain: "HD-2026-AAAA-BBBB-CCC4",
  };
  before(async () => {
    web = await startFixtureWeb({
      publicUrl: "http://rs.bureau.test:9000/",
      labelSerials: serials,
      syntheticSites: 120,
      requestLogLimit: 3,
    });
  });
  after(() => web.close());
  const get = (url: string) => fetchVia(web.port, url);

  test("badges print the serials and public URL the test passes", async () => {
    const expectations: [string, string][] = [
      ["http://anxin-muying.cn/", serials.valid],
      ["http://jinxiu-fushi.cn/goods/scarf.html", serials.revoked],
      ["http://qingshan-wenju.cn/", serials.expired],
      ["http://ruixiang-wujin.cn/", serials.otherDomain],
      ["http://huamei-meizhuang.com/", serials.otherDomain],
    ];
    for (const [url, serial] of expectations) {
      const html = (await get(url)).body.toString();
      assert.ok(html.includes(`href="http://rs.bureau.test:9000/verify/${serial}"`), url);
    }
  });

  test("synthetic shops: N registered sites of 3–5 pages with findings in a fixed pattern", async () => {
    assert.equal((await get("http://s00120.shop-bulk.cn/")).status, 200);
    assert.equal((await get("http://s00121.shop-bulk.cn/")).status, 404);
    for (const i of [1, 2, 3]) {
      for (const path of syntheticPaths(i))
        assert.equal((await get(`http://s0000${i}.shop-bulk.cn${path}`)).status, 200);
      assert.ok(syntheticPaths(i).length >= 3 && syntheticPaths(i).length <= 5);
    }
    assert.match((await get("http://s00007.shop-bulk.cn/item/2.html")).body.toString(), /根治颈椎病/);
    assert.doesNotMatch((await get("http://s00017.shop-bulk.cn/item/1.html")).body.toString(), /根治/);
    assert.doesNotMatch((await get("http://s00003.shop-bulk.cn/")).body.toString(), /统一社会信用代码/);
    assert.match((await get("http://s00004.shop-bulk.cn/")).body.toString(), /统一社会信用代码/);
    assert.match((await get("http://s00050.shop-bulk.cn/")).body.toString(), /浙ICP备2025000050号/);
    const rows = syntheticRegisterRows(120);
    assert.equal(rows.length, 120);
    assert.ok(rows.every((r) => usccProblem(r.uscc) === null));
    assert.equal(new Set(rows.map((r) => r.uscc)).size, 120);
    assert.equal(rows[49]!.icp, "浙ICP备2026000050号");
    assert.equal(syntheticExpectedFindings(120).length, 12 + 12 + 2);
  });

  test("the bulk directory lists every synthetic shop, 100 per page", async () => {
    const first = (await get(syntheticSeedUrl)).body.toString();
    assert.equal((first.match(/\.shop-bulk\.cn\//g) ?? []).length, 100);
    assert.match(first, /href="\/bulk\?page=2"/);
    const second = (await get("http://search.directory.com/bulk?page=2")).body.toString();
    assert.equal((second.match(/\.shop-bulk\.cn\//g) ?? []).length, 20);
    assert.equal((await get("http://search.directory.com/bulk?page=3")).status, 404);
  });

  test("requestLogLimit caps the kept entries but every request is counted", async () => {
    web.requests.clear();
    for (let i = 0; i < 5; i++) await get("http://xinghe-shop.cn/");
    assert.equal(web.requests.entries.length, 3);
    assert.equal(web.requests.total, 5);
  });
});
