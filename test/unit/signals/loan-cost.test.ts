// Cash-loan cost arithmetic against the worked examples of domain.md §7.
import assert from "node:assert/strict";
import { test } from "node:test";
import { foldPlain } from "../../../src/page/normalise.ts";
import { analyseLoanOffers, monthlyIrr } from "../../../src/signals/index.ts";

function worst(text: string) {
  const costs = analyseLoanOffers(foldPlain(text)).flatMap((o) => o.costs);
  return costs.sort((a, b) => b.aprPercent - a.aprPercent)[0];
}

test("quoted rates annualise simply: daily × 365, monthly × 12, 月息N分, 万分之k", () => {
  assert.equal(worst("日息0.1%")?.aprPercent, 36.5);
  assert.equal(worst("日息万五")?.aprPercent, 18.25);
  assert.equal(worst("日利率万分之八")?.aprPercent, 29.2);
  assert.equal(worst("月息3分")?.aprPercent, 36);
  assert.equal(worst("月利率2.5%")?.aprPercent, 30);
  assert.equal(worst("年化利率（单利）7.2%-24%")?.aprPercent, 24);
});

test("single repayment: (R − A) ÷ A × 365 ÷ d on the money actually received", () => {
  const cases: [string, number][] = [
    ["借1000，到手900，7天后还1000", 579.37],
    ["借1000元，7天后还款1150元", 782.14],
    ["借5000到账4200，30天还5000", 231.75],
    ["借3000，30天，日息0.05% + 会员费299", 139.51],
    ["借款1000元，实际到账800元（含审核服务费200元），7天后还款1000元", 1303.57],
    ["借款5000元，實際到帳4000元，14天後還5000元", 651.79],
  ];
  for (const [text, apr] of cases) {
    const cost = worst(text)!;
    assert.equal(cost.aprPercent, apr, text);
    assert.equal(cost.method, "simple", text);
    assert.match(cost.formula, /÷ .* × 365 ÷ \d+天/, text);
  }
});

test("instalments: the monthly IRR of the money received, × 12 (等本等费 from a monthly fee rate)", () => {
  assert.equal(worst("10000元分12期，月费率0.6%")?.aprPercent, 13.03);
  assert.equal(worst("10000元分12期，月费率1.0%")?.aprPercent, 21.46);
  const third = worst("10000元分12期，月费率1.5%")!;
  assert.equal(third.aprPercent, 31.72);
  assert.equal(third.inputs["effectiveAnnualPercent"], 36.8);
  assert.equal(worst("借款10000元，分12期，每期还款1150元")?.aprPercent, 64.08);
  assert.ok(Math.abs(monthlyIrr(10000, 893.33, 12) - 0.01086) < 0.00001);
});

test("an offer headline and a worked example are separate offers; no loan words, no offer", () => {
  const offers = analyseLoanOffers(
    foldPlain("最高可借5万，分12期。举例：借款10000元，分12期，每期还款1150元。"),
  );
  assert.deepEqual(
    offers.map((o) => o.principal),
    [50000, 10000],
  );
  assert.deepEqual(analyseLoanOffers(foldPlain("春季新款连衣裙 ￥129，满99包邮，七天无理由退换。")), []);
});

test("an upfront deduction is visible as principal and money received", () => {
  const [offer] = analyseLoanOffers(
    foldPlain("借款金额：3000元，服务费300元放款时直接扣除，到期还款3000元，期限7天。"),
  );
  assert.deepEqual([offer?.principal, offer?.received], [3000, 2700]);
});
