// HTML → ExtractedPage: visible and hidden text kept apart, attributes, absolute links and
// iframes, Red Shield badges, and pages built to break parsers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractPage } from "../../../src/page/index.ts";

const page = `<!doctype html><html><head><title> 某某商城 </title><meta name="Description" content="正品 保障">
<meta name="keywords" content="高仿,原单"><base href="https://shop.example.cn/sub/"></head><body>
<nav><a href="/cart" title="购物车" rel="nofollow">购物车</a><a href="javascript:void(0)">x</a><a href="mailto:a@b.cn">m</a></nav>
<p>保<span>本</span>保<b>息</b></p><div>第二段</div>
<div style="display: none">隐藏一</div><div hidden>隐藏二</div><span style="visibility:hidden">隐藏三</span>
<noscript><p>请启用 <b>脚本</b></p></noscript><template><p>模板文字</p></template>
<script>document.write("脚本文字")</script><style>.a{}</style>
<img src="a.png" alt="营业执照"><img src="b.png" alt="">
<iframe src="//wljg.gdgs.gov.cn/lz.ashx?vie=ab"></iframe><a href="item/1.html">商品</a>
</body></html>`;

test("visible text joins inline elements and breaks at blocks; scripts and styles are not text", () => {
  const p = extractPage(page, "https://shop.example.cn/index.html");
  assert.equal(p.title, "某某商城");
  assert.equal(p.metaDescription, "正品 保障");
  assert.equal(p.metaKeywords, "高仿,原单");
  assert.ok(p.visibleText.split("\n").includes("保本保息"));
  assert.ok(p.visibleText.split("\n").includes("第二段"));
  assert.doesNotMatch(p.visibleText, /脚本文字|\.a\{\}|隐藏|模板/);
});

test("display:none, [hidden], visibility:hidden, <noscript> and <template> go to hiddenText", () => {
  const p = extractPage(page, "https://shop.example.cn/");
  for (const text of ["隐藏一", "隐藏二", "隐藏三", "请启用 脚本", "模板文字"])
    assert.match(p.hiddenText, new RegExp(text));
});

test("links and iframes are absolute (after <base>), script and mail links dropped; alt texts kept", () => {
  const p = extractPage(page, "https://shop.example.cn/index.html");
  assert.deepEqual(
    p.links.map((l) => [l.href, l.text, l.title, l.rel]),
    [
      ["https://shop.example.cn/cart", "购物车", "购物车", "nofollow"],
      ["https://shop.example.cn/sub/item/1.html", "商品", "", ""],
    ],
  );
  assert.deepEqual(p.iframes, ["https://wljg.gdgs.gov.cn/lz.ashx?vie=ab"]);
  assert.deepEqual(p.altTexts, ["营业执照"]);
});

test("Red Shield badges: a verify link with the badge image, a bare verify link, and an unlinked image", () => {
  const html = `<body>
    <a href="https://hongdun.example.gov.cn/verify/HD-2024-AB12-CD34-EF56" title="江湾某公司"><img src="b.png" alt="红盾电子标识"></a>
    <a href="http://look-alike.cn/verify/HD-2024-0000-0000-0000">验证</a>
    <img src="copied.png" alt="红盾电子标识">
    <a href="/about"><img src="x.png" alt="关于我们"></a></body>`;
  const p = extractPage(html, "https://shop.example.cn/");
  assert.deepEqual(p.badges, [
    {
      href: "https://hongdun.example.gov.cn/verify/HD-2024-AB12-CD34-EF56",
      serial: "HD-2024-AB12-CD34-EF56",
      imgAlt: "红盾电子标识",
      title: "江湾某公司",
      linked: true,
    },
    {
      href: "http://look-alike.cn/verify/HD-2024-0000-0000-0000",
      serial: "HD-2024-0000-0000-0000",
      imgAlt: "",
      title: "",
      linked: true,
    },
    { href: "", serial: null, imgAlt: "红盾电子标识", title: "", linked: false },
  ]);
});

test("the identity a page claims: company, USCC with check, 注册号, ICP and 公网安备", () => {
  const html = `<footer>版权所有：深圳市红树林科技有限公司 统一社会信用代码：91350100M000100Y43
    营业执照注册号：441900000436441 粤ICP备19015064号-2 京ICP备2021033841-3号 京ICP备12345678号
    粤公网安备 44190002003939号 身份证：110105199001011234 信用代码: 91350100M000100Y4Z
    订单号 ABCDEFGHJK12345678</footer>`;
  const { identity } = extractPage(html, "https://shop.example.cn/");
  assert.deepEqual(identity.companyNames, ["深圳市红树林科技有限公司"]);
  assert.deepEqual(identity.usccs, [
    { code: "91350100M000100Y43", valid: true, label: "统一社会信用代码" },
    { code: "91350100M000100Y4Z", valid: false, label: "信用代码" },
  ]);
  assert.deepEqual(identity.registrationNumbers, ["441900000436441"]);
  assert.deepEqual(identity.icps, ["粤ICP备19015064号-2", "京ICP备2021033841号-3"]);
  assert.deepEqual(identity.publicSecurity, ["粤公网安备44190002003939号"]);
});

test("an unlabelled valid USCC counts; an unlabelled invalid code or an ID number does not", () => {
  const { identity } = extractPage(
    "<p>91110000101623741K 110105199001011234 91110000101623741J</p>",
    "https://a.cn/",
  );
  assert.deepEqual(identity.usccs, [{ code: "91110000101623741K", valid: true }]);
});

test("hostile markup: 20,000 nested elements and unclosed tags are handled", () => {
  const deep = `${"<div>".repeat(20000)}深处的文字${"</div>".repeat(10)}<p>没有闭合<b>的标签`;
  const p = extractPage(deep, "https://a.cn/");
  assert.match(p.visibleText, /深处的文字/);
  assert.match(p.visibleText, /没有闭合的标签/);
});
