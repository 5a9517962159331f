// Comprehensive annualised cost of the loan offers on a page (domain.md §7), as courts and the
// 2019 illegal-lending opinion compute it: every fee counts, and the base is the money actually
// received. Single repayment: APR = (R − A) ÷ A × 365 ÷ d (simple). Instalments: the monthly IRR i
// of A = Σ pay ÷ (1+i)^k, APR = 12i (nominal). Quoted rates alone: daily × 365, monthly × 12.
import {
  extractLoanFields,
  extractLoanFieldsNear,
  groupOffers,
  type LoanField,
  type LoanFieldKind,
} from "./loan-extract.ts";

export type LoanCost = {
  aprPercent: number;
  method: "simple" | "irr" | "quoted";
  /** The formula with the page's numbers, in Chinese, for the excerpt and the reviewer. */
  formula: string;
  inputs: Record<string, number>;
};

export type LoanOffer = {
  /** Plain-text offsets of the offer. */
  start: number;
  end: number;
  /** Amount borrowed and money actually received, when the page states or implies them. */
  principal: number | null;
  received: number | null;
  costs: LoanCost[];
};

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

class Offer {
  constructor(private readonly fields: LoanField[]) {}
  first(kind: LoanFieldKind): number | null {
    return this.fields.find((f) => f.kind === kind)?.value ?? null;
  }
  max(kind: LoanFieldKind): number | null {
    const values = this.fields.filter((f) => f.kind === kind).map((f) => f.value);
    return values.length > 0 ? Math.max(...values) : null;
  }
  charges(principal: number | null, deducted: boolean): number {
    let sum = 0;
    for (const f of this.fields) {
      const isDeducted = f.kind === "deduction" || (f.kind === "fee" && (f.deducted || f.label === "砍头费"));
      if (f.kind !== "deduction" && f.kind !== "fee") continue;
      if (isDeducted !== deducted) continue;
      if (f.percentOfPrincipal) sum += principal ? (principal * f.value) / 100 : 0;
      else sum += f.value;
    }
    return sum;
  }
  get start() {
    return this.fields[0]!.start;
  }
  get end() {
    return Math.max(...this.fields.map((f) => f.end));
  }
}

/** Monthly rate i with A = Σ_{k=1..n} pay ÷ (1+i)^k (bisection; the sum falls as i rises). */
export function monthlyIrr(received: number, payment: number, periods: number): number {
  const presentValue = (i: number) => {
    let sum = 0;
    let discount = 1;
    for (let k = 1; k <= periods; k++) {
      discount /= 1 + i;
      sum += payment * discount;
    }
    return sum;
  };
  if (presentValue(0) <= received) return 0;
  let lo = 0;
  let hi = 10;
  for (let step = 0; step < 64; step++) {
    const mid = (lo + hi) / 2;
    if (presentValue(mid) > received) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function dailyRateOf(offer: Offer): number | null {
  const daily = offer.max("dailyRate");
  if (daily !== null) return daily / 100;
  const monthly = offer.max("monthlyRate");
  if (monthly !== null) return monthly / 100 / 30;
  const annual = offer.max("annualRate");
  return annual !== null ? annual / 100 / 365 : null;
}

function singleRepayment(offer: Offer, principal: number, days: number): LoanCost | null {
  const upfront = offer.charges(principal, true);
  const stated = offer.first("received");
  const received = stated ?? principal - upfront;
  let separate = offer.charges(principal, false);
  // "借1000到账800，服务费200": the fee is what was withheld, not a second payment.
  if (stated !== null && Math.abs(principal - stated - separate) < 0.5) separate = 0;
  const repay = offer.first("repay");
  const rate = dailyRateOf(offer);
  let due: number;
  if (repay !== null && repay >= principal * 0.5) due = repay;
  else if (rate !== null) due = principal + principal * rate * days;
  else if (received < principal || separate > 0) due = principal;
  else return null;
  const cost = due + separate - received;
  if (received <= 0 || cost <= 0 || days < 1 || days > 3660) return null;
  const apr = (cost / received) * (365 / days) * 100;
  const feePart = separate > 0 ? ` + 另付费用 ${round(separate)}` : "";
  return {
    aprPercent: round(apr, 2),
    method: "simple",
    formula: `(应还 ${round(due)}${feePart} − 实际到手 ${round(received)}) ÷ ${round(received)} × 365 ÷ ${days}天（单利）`,
    inputs: { principal, received, due, days, otherFees: separate },
  };
}

function instalments(offer: Offer, principal: number, periods: number): LoanCost | null {
  const monthly = offer.max("monthlyRate");
  const payment =
    offer.first("payment") ?? (monthly !== null ? principal / periods + (principal * monthly) / 100 : null);
  if (payment === null || periods < 2 || periods > 120) return null;
  const received =
    (offer.first("received") ?? principal - offer.charges(principal, true)) - offer.charges(principal, false);
  if (received <= 0) return null;
  const i = monthlyIrr(received, payment, periods);
  return {
    aprPercent: round(i * 12 * 100, 2),
    method: "irr",
    formula: `实际到手 ${round(received)} = Σ(k=1…${periods}) ${round(payment)} ÷ (1+i)^k，月 IRR i = ${round(i * 100, 3)}%，年化 = 12 × i`,
    inputs: {
      principal,
      received,
      payment,
      periods,
      effectiveAnnualPercent: round(((1 + i) ** 12 - 1) * 100, 1),
    },
  };
}

function quoted(offer: Offer): LoanCost | null {
  const candidates: [number, string][] = [];
  const daily = offer.max("dailyRate");
  if (daily !== null) candidates.push([daily * 365, `日利率 ${daily}% × 365`]);
  const monthly = offer.max("monthlyRate");
  if (monthly !== null) candidates.push([monthly * 12, `月利率 ${monthly}% × 12`]);
  const annual = offer.max("annualRate");
  if (annual !== null) candidates.push([annual, `标示年化利率 ${annual}%`]);
  if (candidates.length === 0) return null;
  const [apr, formula] = candidates.sort((a, b) => b[0] - a[0])[0]!;
  return { aprPercent: round(apr, 2), method: "quoted", formula: `${formula}（单利）`, inputs: {} };
}

function analyseOffer(fields: LoanField[]): LoanOffer {
  const offer = new Offer(fields);
  const principal = offer.first("principal");
  const days = offer.first("days");
  const periods = offer.first("periods");
  const costs: (LoanCost | null)[] = [];
  if (principal !== null && days !== null) costs.push(singleRepayment(offer, principal, days));
  else if (principal !== null && periods !== null) costs.push(instalments(offer, principal, periods));
  costs.push(quoted(offer));
  const received =
    principal === null ? null : (offer.first("received") ?? principal - offer.charges(principal, true));
  return {
    start: offer.start,
    end: offer.end,
    principal,
    received,
    costs: costs.filter((c): c is LoanCost => c !== null),
  };
}

/** Every loan offer in the plain normalised text (or near the anchor offsets given), with its costs. */
export function analyseLoanOffers(plain: string, anchors?: readonly number[]): LoanOffer[] {
  const fields = anchors ? extractLoanFieldsNear(plain, anchors) : extractLoanFields(plain);
  return groupOffers(fields).map(analyseOffer);
}
