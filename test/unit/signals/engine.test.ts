// The engine on small pages: what counts, what the context overrules, and what a finding says.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { analyzeHtml, loadRulePacks } from "../../../src/signals/index.ts";

const packs = loadRulePacks(path.resolve("config/rules"));
const analyse = (body: string, url = "https://www.example.cn/", title = "") =>
  analyzeHtml(`<html><head><title>${title}</title></head><body>${body}</body></html>`, url, packs);
const rules = (body: string, url?: string, title?: string) =>
  analyse(body, url, title).findings.map((f) => f.rule);

const p2pOffer = "新手专享标，预期年化收益12%，100元起投，平台承诺保本保息。";

test("a P2P guarantee is found; the excerpt shows the original text with the match marked", () => {
  const a = analyse(`<p>${p2pOffer}</p>`);
  const f = a.findings.find((x) => x.rule === "p2p_lending.guaranteed_returns")!;
  assert.equal(f.category, "p2p_lending");
  assert.equal(f.severity, "high");
  assert.match(f.excerpt, /100元起投，平台【承诺保本保息】。/);
  assert.deepEqual(f.basis.law, "《网络借贷信息中介机构业务活动管理暂行办法》");
  assert.ok(f.score > 0 && f.score <= 1);
});

test("separators and Traditional characters do not hide a phrase, and the excerpt keeps them", () => {
  const spaced = analyse("<p>新手标 年化 12% 起投 100 元，保 * 本 * 保 * 息</p>").findings[0]!;
  assert.match(spaced.excerpt, /【保 \* 本 \* 保 \* 息】/);
  const traditional = analyse("<p>新手標預期年化收益12%，平台剛性兌付，100元起投。</p>").findings[0]!;
  assert.match(traditional.excerpt, /【剛性兌付】/);
});

test("separator stripping does not join words across a sentence end", () => {
  const a = analyse("<p>新手标年化12%起投100元，承诺保本。保息另计。</p>");
  const f = a.findings.find((x) => x.rule === "p2p_lending.guaranteed_returns")!;
  assert.deepEqual(f.details?.["terms"], ["承诺保本"]);
  assert.deepEqual(rules("<p>新手标年化12%起投100元，我们是保。本息另计。</p>"), []);
});

test("negation in the clause before a trigger suppresses it (不承诺保本保息, 非保本)", () => {
  const a = analyse("<p>新手标年化12%起投100元。本平台不承诺保本保息，出借人自担风险。</p>");
  assert.deepEqual(a.findings, [], "a negated guarantee supports no other rule either");
  assert.equal(a.suppressed[0]?.reason, "negation");
  assert.deepEqual(rules("<p>本产品为非保本浮动收益型，年化15%，1000元起投。</p>"), []);
});

test("a compliance disclosure that lists the prohibited acts verbatim stays quiet", () => {
  const a = analyse(
    "<h2>网络借贷禁止性行为提示</h2><p>网络借贷信息中介机构不得从事下列活动：</p><p>（三）直接或变相向出借人提供担保或者承诺保本保息；</p><p>出借人年化收益以合同为准，起投金额100元。</p>",
  );
  assert.deepEqual(a.findings, []);
  assert.equal(a.suppressed[0]?.reason, "compliance_disclosure");
});

test("a warning word in the same sentence suppresses; news and regulator pages suppress everything", () => {
  assert.deepEqual(rules("<p>警惕“新手标年化12%、100元起投、保本保息”的宣传，谨防上当。</p>"), []);
  const news = analyse(`<p>本报记者获悉，部分平台宣传${p2pOffer}</p><p>责任编辑：王某</p>`);
  assert.deepEqual(news.findings, []);
  assert.equal(news.context.isNews, true);
  assert.equal(news.suppressed[0]?.reason, "news_page");
  const gov = analyse(`<p>${p2pOffer}</p>`, "https://jrj.jiangwan.gov.cn/art/1.html");
  assert.equal(gov.context.isRegulatorOrCourt, true);
  assert.deepEqual(gov.findings, []);
  const court = analyse(
    `<p>经审理查明，被告人在网站宣传${p2pOffer}</p><p>本院认为，被告人的行为构成非法吸收公众存款罪，判决如下。</p>`,
  );
  assert.deepEqual(court.findings, []);
});

test("a platform's own notice bar (关于…的公告) does not make it a regulator page", () => {
  const a = analyse(`<p>关于春节期间提现安排的公告</p><p>${p2pOffer}</p>`, "https://www.p2p-example.cn/");
  assert.equal(a.context.isRegulatorOrCourt, false);
  assert.ok(a.findings.some((f) => f.category === "p2p_lending"));
});

test("a site boasting of media coverage (新华社、人民网报道) is not news", () => {
  const a = analyse(`<p>媒体报道：新华社、人民网、央视新闻曾报道本平台。</p><p>${p2pOffer}</p>`);
  assert.equal(a.context.isNews, false);
  assert.ok(a.findings.some((f) => f.category === "p2p_lending"));
});

test("a disclaimer with a few warning words does not turn a violating page into a warning page", () => {
  const a = analyse(`<p>${p2pOffer}</p><p>温馨提醒：谨防诈骗，如遇问题请举报，维权电话400-000-0000。</p>`);
  assert.equal(a.context.isWarning, false);
  assert.ok(a.findings.some((f) => f.category === "p2p_lending"));
});

test("a seller's reassurance (无套路, 拒绝套路) or marketing (温馨提醒, 不要犹豫) is not a warning", () => {
  assert.ok(rules("<p>无套路！借5000到账4200，30天还5000。</p>").includes("cash_loan.apr_above_cap"));
  assert.ok(
    rules("<p>温馨提醒：借5000到账4200，30天还5000，不要犹豫。</p>").includes("cash_loan.apr_above_cap"),
  );
});

test("the loan finding states the computed rate and the formula; a licensed range stays quiet", () => {
  const f = analyse("<p>借5000到账4200，30天还5000。</p>").findings.find(
    (x) => x.rule === "cash_loan.apr_above_cap",
  )!;
  assert.match(
    f.excerpt,
    /【借5000到账4200，30天还5000】。 → 综合年化成本约 231\.75%（\(应还 5000 − 实际到手 4200\) ÷ 4200 × 365 ÷ 30天（单利）），超过 36% 上限/,
  );
  assert.equal(f.details?.["aprPercent"], 231.75);
  assert.equal(f.details?.["capPercent"], 36);
  assert.deepEqual(rules("<p>年化利率（单利）7.2%-24%，以审批结果为准，请理性借贷。</p>"), []);
});

test("hidden text counts, and the excerpt says it was hidden", () => {
  const f = analyse(`<p>欢迎光临</p><div style="display:none">${p2pOffer}</div>`).findings[0]!;
  assert.equal(f.details?.["where"], "hidden");
  assert.match(f.excerpt, /^（隐藏文字）/);
});

test("Latin brand names match whole words only (LV, not the lv of silver)", () => {
  assert.ok(rules("<p>LV老花包 高仿 顶级版本</p>").includes("counterfeit.replica_with_brand"));
  assert.deepEqual(rules("<p>Silver necklace 高仿 款式</p>"), []);
});

test("a shop without licence information is a license_display finding; with a USCC or licence link it is not", () => {
  const shop = "<p>新款连衣裙 ￥129 加入购物车</p><p>针织开衫 ￥89 立即购买</p>";
  const bare = analyse(shop, "https://shop.example.cn/", "女装店");
  assert.equal(bare.context.isShop, true);
  assert.equal(bare.context.showsLicence, false);
  assert.deepEqual(
    bare.findings.map((f) => f.rule),
    ["license_display.shop_without_licence"],
  );
  assert.match(bare.findings[0]!.excerpt, /^（网页标题）【女装店】 → 网店页面/);
  const licensed = analyse(`${shop}<footer>统一社会信用代码：91330106673959654P</footer>`);
  assert.deepEqual([licensed.context.showsLicence, licensed.context.licenceEvidence], [true, ["uscc"]]);
  assert.deepEqual(licensed.findings, []);
  const linked = analyse(`${shop}<a href="/zz.html">营业执照</a>`);
  assert.deepEqual(linked.context.licenceEvidence, ["licence_link"]);
  const badge = analyse(
    `${shop}<a href="https://hd.example.gov.cn/verify/HD-1"><img alt="红盾电子标识"></a>`,
  );
  assert.deepEqual(badge.context.licenceEvidence, ["badge"]);
});

test("licensed goods without a permit raise license_display to high", () => {
  const f = analyse("<p>保健食品 蛋白粉 ￥358 加入购物车</p><p>鱼油 ￥199 立即购买</p>").findings[0]!;
  assert.deepEqual([f.rule, f.severity], ["license_display.shop_without_licence", "high"]);
});

test("a general rule yields to a more specific category found on the same page", () => {
  const a = analyse(`<p>${p2pOffer}稳赚不赔，投资回报有保障。</p>`);
  assert.ok(a.findings.some((f) => f.category === "p2p_lending"));
  assert.ok(!a.findings.some((f) => f.rule === "false_advertising.investment_return_promise"));
  assert.ok(a.suppressed.some((s) => s.reason === "covered_by_other_category"));
});

test("the verdict summarises the findings and the rules hash is reported", () => {
  const a = analyse(`<p>${p2pOffer}</p>`);
  assert.deepEqual(
    [a.verdict.flagged, a.verdict.categories, a.verdict.maxSeverity],
    [true, ["p2p_lending"], "high"],
  );
  assert.equal(a.rulesHash, packs.hash);
  assert.deepEqual(analyse("<p>今天天气很好。</p>").verdict, {
    flagged: false,
    categories: [],
    maxSeverity: null,
    topScore: 0,
  });
});
