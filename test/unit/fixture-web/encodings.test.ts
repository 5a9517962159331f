// Pages in GBK (header only), GB2312 (meta only), Big5, separated UTF-8 and a mislabelled page are
// served as the bytes they claim to be; the script-written page shows its text only in Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import { launchChromium } from "../../../src/browser/launch.ts";
import { parseHostMap } from "../../../src/page/host-map.ts";
import { buildContext } from "../../fixtures/web/context.ts";
import { allSites } from "../../fixtures/web/sites/index.ts";
import { type FixtureWeb, startFixtureWeb } from "../../helpers/site-server.ts";
import { fetchVia } from "./client.ts";

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

test("every re-encoded page decodes back to exactly the text it was written as", () => {
  let checked = 0;
  for (const site of allSites) {
    for (const spec of Object.values(site.pages(buildContext()))) {
      if (typeof spec === "string" || !spec.encoding || spec.encoding === "utf-8") continue;
      const decoder = spec.encoding === "big5" ? "big5" : "gb18030";
      assert.equal(
        new TextDecoder(decoder).decode(iconv.encode(spec.html, spec.encoding)),
        spec.html,
        site.host,
      );
      checked++;
    }
  }
  assert.ok(checked >= 6);
});

describe("encodings on the wire", () => {
  let web: FixtureWeb;
  before(async () => {
    web = await startFixtureWeb();
  });
  after(() => web.close());
  const get = (url: string) => fetchVia(web.port, url);

  test("GBK declared only in the header, with a four-byte GB18030 sequence", async () => {
    const f = await get("http://kuaijie-daikuan.cn/");
    assert.equal(f.headers["content-type"], "text/html; charset=gbk");
    assert.ok(!isUtf8(f.body));
    assert.doesNotMatch(f.body.toString("latin1"), /<meta charset/i);
    const text = new TextDecoder("gb18030").decode(f.body);
    assert.match(text, /借1000元到手900元，7天后还款1000元/);
    assert.match(text, /陈喆/);
    assert.match(text, /Copyright ©/);
    assert.match(
      new TextDecoder("gbk").decode(f.body),
      /Copyright \ufffd/,
      "gbk alone loses the © (domain.md §13)",
    );
  });

  test("GB2312 declared only inside the page, by <meta charset> and by http-equiv", async () => {
    const home = await get("http://dingsheng-caifu.cn/");
    assert.equal(home.headers["content-type"], "text/html");
    assert.match(home.body.toString("latin1"), /<meta charset="gb2312">/);
    assert.match(new TextDecoder("gb18030").decode(home.body), /保本保息/);
    const product = await get("http://dingsheng-caifu.cn/licai/dingqi.html");
    assert.match(
      product.body.toString("latin1"),
      /http-equiv="Content-Type" content="text\/html; charset=gb2312"/,
    );
    assert.match(new TextDecoder("gb18030").decode(product.body), /刚性兑付/);
    assert.ok(!isUtf8(product.body));
  });

  test("Big5 in Traditional characters", async () => {
    const f = await get("http://fuhui-touzi.com/");
    assert.equal(f.headers["content-type"], "text/html; charset=big5");
    assert.ok(!isUtf8(f.body));
    const text = new TextDecoder("big5").decode(f.body);
    assert.match(text, /保本保息，穩賺不賠/);
    assert.match(text, /資金池/);
    assert.match(text, /統一社會信用代碼：91330108MA2N15CDF1/);
  });

  test("UTF-8 with separators and zero-width characters between the characters", async () => {
    const text = (await get("http://xinfeng-touzi.net/")).body.toString();
    assert.match(text, /保 本 保 息/);
    assert.match(text, /保\*本\*保\*息/);
    assert.match(text, /本\u200b息\u200b保\u200b障/);
    assert.doesNotMatch(text, /保本保息/);
  });

  test("a page declared UTF-8 whose bytes are GBK", async () => {
    const f = await get("http://wanlian-keji.net/wrong-charset.html");
    assert.equal(f.headers["content-type"], "text/html; charset=utf-8");
    assert.ok(!isUtf8(f.body));
    assert.match(new TextDecoder("gb18030").decode(f.body), /本页以 GBK 编码保存/);
  });

  test("script-written text is absent from the HTML and present once Chromium renders it", async () => {
    const raw = (await get("http://yinghe-jiekuan.cn/")).body.toString();
    assert.doesNotMatch(raw, /到手|日息|到账/);
    assert.match(raw, /\\u501f1000/);
    // The web's hostMap, parsed by the real REDSHIELD_HOST_MAP parser, steers Chromium here.
    const browser = await launchChromium({ hostMap: parseHostMap(web.hostMap) });
    try {
      const page = await browser.newPage();
      await page.goto("http://yinghe-jiekuan.cn/", { waitUntil: "load", timeout: 15_000 });
      assert.match((await page.textContent("body")) ?? "", /借1000元到手900元，7天后还款1000元/);
      await page.goto("http://yinghe-jiekuan.cn/rates.html", { waitUntil: "load", timeout: 15_000 });
      assert.match((await page.textContent("body")) ?? "", /实际到账\s*2400 元/);
    } finally {
      await browser.close();
    }
  });
});
