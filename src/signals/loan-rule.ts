// Cash-loan rules decided by arithmetic: a comprehensive annualised cost above the cap, or money
// deducted from the loan before it is paid out (砍头息). The excerpt states the computed rate and
// the formula with the page's own numbers.
import type { LoanCostRule } from "../config/rule-pack-schema.ts";
import { originalSpan } from "../page/normalise.ts";
import type { Span } from "./document.ts";
import type { LoanCost, LoanOffer } from "./loan-cost.ts";
import {
  makeFinding,
  makeSuppressed,
  pageConditionsHold,
  pageUnlessHit,
  type RuleInput,
  type RuleOutcome,
  scoreFor,
  severityOf,
  unlessNear,
} from "./rule-common.ts";

export type LoanRuleInput = RuleInput & { offers: () => readonly LoanOffer[] };

function spanOf(input: RuleInput, offer: LoanOffer): Span {
  const [start, end] = originalSpan(input.doc.plain(), offer.start, offer.end);
  return { start, end };
}

function formatPercent(value: number): string {
  return `${Number(value.toFixed(2))}%`;
}

type Candidate = {
  offer: LoanOffer;
  span: Span;
  suffix: string;
  details: Record<string, unknown>;
  extra: number;
};

function aboveCap(input: LoanRuleInput, rule: LoanCostRule): Candidate[] {
  const found: Candidate[] = [];
  for (const offer of input.offers()) {
    const worst = offer.costs.reduce<LoanCost | null>(
      (a, c) => (a && a.aprPercent >= c.aprPercent ? a : c),
      null,
    );
    if (!worst || worst.aprPercent <= rule.capPercent) continue;
    found.push({
      offer,
      span: spanOf(input, offer),
      suffix: `→ 综合年化成本约 ${formatPercent(worst.aprPercent)}（${worst.formula}），超过 ${rule.capPercent}% 上限`,
      details: { ...worst, capPercent: rule.capPercent },
      extra: worst.aprPercent > rule.capPercent * 2 ? 2 : 0,
    });
  }
  return found.sort((a, b) => (b.details["aprPercent"] as number) - (a.details["aprPercent"] as number));
}

function upfrontDeductions(input: LoanRuleInput): Candidate[] {
  const found: Candidate[] = [];
  for (const offer of input.offers()) {
    const { principal, received } = offer;
    if (principal === null || received === null || received >= principal || received <= 0) continue;
    const deducted = principal - received;
    found.push({
      offer,
      span: spanOf(input, offer),
      suffix: `→ 借款 ${principal} 元实际到手 ${received} 元，预先扣除 ${deducted} 元（砍头息）`,
      details: {
        principal,
        received,
        deducted,
        deductedPercent: Math.round((deducted / principal) * 1000) / 10,
      },
      extra: deducted / principal >= 0.1 ? 1 : 0,
    });
  }
  return found;
}

export function evaluateLoanRule(input: LoanRuleInput): RuleOutcome {
  const rule = input.compiled.rule as LoanCostRule;
  const gate = input.compiled.trigger!;
  if (!input.matcher.present(gate)) return null;
  if (!pageConditionsHold(input)) return null;
  const candidates = rule.check === "apr_above_cap" ? aboveCap(input, rule) : upfrontDeductions(input);
  let firstSuppressed: RuleOutcome = null;
  for (const c of candidates) {
    const reason =
      pageUnlessHit(input) || unlessNear(input, c.span) ? "hard_negative" : input.local.reasonFor(c.span, 0);
    if (reason) {
      firstSuppressed ??= { suppressed: makeSuppressed(input, c.span, reason) };
      continue;
    }
    return { finding: makeFinding(input, c.span, scoreFor(severityOf(input), c.extra), c.details, c.suffix) };
  }
  return firstSuppressed;
}
