// Reads the terms of cash-loan offers from page text (domain.md §7): amount, money actually
// received, repayment, term, instalments, daily / monthly / annual rates, fees and upfront
// deductions. Works on the plain normalised text (digits, %, : kept). Fields close to each other
// form one offer; loan-cost.ts does the arithmetic.
import { allMatches } from "./sorted.ts";

export type LoanFieldKind =
  | "principal"
  | "received"
  | "repay"
  | "days"
  | "periods"
  | "payment"
  | "dailyRate"
  | "monthlyRate"
  | "annualRate"
  | "fee"
  | "deduction";

export type LoanField = {
  kind: LoanFieldKind;
  /** Amount in yuan, a count of days or periods, or a rate in percent. */
  value: number;
  /** For fees and deductions: the value is a percentage of the amount borrowed. */
  percentOfPrincipal?: boolean;
  /** For fees: taken out of the money before it is paid out. */
  deducted?: boolean;
  label?: string;
  start: number;
  end: number;
};

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\d|\.\d)`;
const SCALE = String.raw`\s*(万|千|k)?`;
const CN_DIGIT = "[\\d一二三四五六七八九十两]+(?:\\.\\d+)?";
const lead = String.raw`\s*(?:低至|仅需|仅|只要|只需|为|约|最低|最高)?\s*:?\s*`;

const chineseDigits: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function numberOf(text: string): number {
  if (/^[\d.,]+$/.test(text)) return Number(text.replace(/,/g, ""));
  if (text === "十") return 10;
  if (text.startsWith("十")) return 10 + (chineseDigits[text.slice(1)] ?? 0);
  if (text.endsWith("十")) return (chineseDigits[text[0]!] ?? 0) * 10;
  return chineseDigits[text] ?? Number(text);
}

function scaled(value: number, scale: string | undefined): number {
  if (scale === "万") return value * 10_000;
  if (scale === "千" || scale === "k") return value * 1000;
  return value;
}

type Extractor = {
  kind: LoanFieldKind;
  regex: RegExp;
  read: (m: RegExpMatchArray) => Partial<LoanField> | null;
};

const money = (m: RegExpMatchArray) => ({ value: scaled(numberOf(m[1]!), m[2]) });
const count = (m: RegExpMatchArray) => ({ value: numberOf(m.slice(1).find((g) => g !== undefined)!) });
const percent = (m: RegExpMatchArray) => ({ value: Math.max(numberOf(m[1]!), m[2] ? numberOf(m[2]) : 0) });
const notUnit = String.raw`(?!\s*(?:天|日|期|个月|%|分钟|小时|秒|人|家|万人))`;

const extractors: Extractor[] = [
  {
    kind: "principal",
    regex: new RegExp(
      String.raw`(?:借款?|贷款?|借钱|借了|申请)(?:金额)?\s*:?\s*${NUM}${SCALE}\s*元?${notUnit}|${NUM}${SCALE}\s*元?\s*(?=分\s*\d+\s*期|的?借款|的?贷款)`,
      "g",
    ),
    read: (m) => ({ value: scaled(numberOf(m[1] ?? m[3]!), m[2] ?? m[4]) }),
  },
  {
    kind: "received",
    regex: new RegExp(
      String.raw`(?:实际到账|到账|到手|实到|实际放款|实际拿到|拿到手?|打款)(?:金额)?\s*:?\s*${NUM}${SCALE}`,
      "g",
    ),
    read: money,
  },
  {
    kind: "repay",
    regex: new RegExp(
      String.raw`(?:还款?|应还|需还|共还|归还|偿还|还本付息)(?:本息|本金)?(?:金额|总额|总计)?\s*(?:共计|合计|共)?\s*:?\s*${NUM}${SCALE}\s*元?${notUnit}`,
      "g",
    ),
    read: money,
  },
  {
    kind: "days",
    regex: new RegExp(
      String.raw`(?:期限|周期|借款期|为期|借)\s*:?\s*${NUM}\s*(?:天|日)(?![息利费])|${NUM}\s*(?:天|日)\s*(?:后|内|到期)?\s*(?:还|归还|到期)|${NUM}\s*天(?![内到放审全服下])`,
      "g",
    ),
    read: count,
  },
  {
    kind: "periods",
    regex: new RegExp(String.raw`(?:分|共|期数|期限|周期)\s*:?\s*${NUM}\s*(?:期|个月)|${NUM}\s*个月`, "g"),
    read: count,
  },
  {
    kind: "payment",
    regex: new RegExp(
      String.raw`(?:每期|每月|月供|月还)\s*(?:还款?|应还|需还)?(?:金额)?${lead}${NUM}\s*元`,
      "g",
    ),
    read: money,
  },
  {
    kind: "dailyRate",
    regex: new RegExp(
      String.raw`(?:日(?:息|利率|费率|利息|综合费率|综合利率|服务费率|综合成本)|每日(?:利息|费用|费率))${lead}${NUM}\s*%`,
      "g",
    ),
    read: (m) => ({ value: numberOf(m[1]!) }),
  },
  {
    kind: "dailyRate",
    regex: new RegExp(String.raw`日(?:息|利率|费率|利息)?${lead}万(?:分之)?\s*(${CN_DIGIT})`, "g"),
    read: (m) => ({ value: numberOf(m[1]!) / 100 }),
  },
  {
    kind: "dailyRate",
    regex: new RegExp(String.raw`日(?:息|利率|费率|利息)${lead}千分之\s*(${CN_DIGIT})`, "g"),
    read: (m) => ({ value: numberOf(m[1]!) / 10 }),
  },
  {
    kind: "monthlyRate",
    regex: new RegExp(
      String.raw`月(?:息|利率|费率|服务费率?|综合费率|管理费率?|综合利率|手续费率?|利息)${lead}${NUM}\s*%`,
      "g",
    ),
    read: (m) => ({ value: numberOf(m[1]!) }),
  },
  {
    kind: "monthlyRate",
    regex: new RegExp(
      String.raw`月(?:息|利)${lead}(${CN_DIGIT})\s*分|(?<![\d.])([\d一二三四五六七八九](?:\.\d)?)\s*分(?:利|息)`,
      "g",
    ),
    read: (m) => ({ value: numberOf(m[1] ?? m[2]!) }),
  },
  {
    kind: "annualRate",
    regex: new RegExp(
      String.raw`年化?(?:综合)?(?:利率|利息|费率|成本|息)?\s*(?:\((?:单利|复利)\))?${lead}${NUM}\s*%(?:\s*[-~至到]\s*${NUM}\s*%)?`,
      "g",
    ),
    read: percent,
  },
  {
    kind: "fee",
    regex: new RegExp(
      String.raw`(?<![月日天年期])(服务|手续|管理|会员|审核|砍头|加速|信审|风控|评估|担保|咨询|账户管理|技术服务|认证|提现|开通|放款|征信查询)费${lead}${NUM}\s*(元|%)?(?!\s*(?:天|日|期|个月|/))`,
      "g",
    ),
    read: (m) => ({
      value: numberOf(m[2]!),
      percentOfPrincipal: m[3] === "%",
      label: `${m[1]}费`,
    }),
  },
  {
    kind: "deduction",
    regex: new RegExp(
      String.raw`(?:砍头息|先扣|预扣|扣除|扣|前置收取|预先收取)\s*(?:服务费|手续费|利息|费用|砍头息)?\s*:?\s*${NUM}\s*(元|%)?`,
      "g",
    ),
    read: (m) => ({ value: numberOf(m[1]!), percentOfPrincipal: m[2] === "%" }),
  },
];

const deductedNearby = /扣|预收|先收|前置|砍头|到账前|放款时|放款前|直接从|含|其中/;

function markDeducted(field: LoanField, text: string): void {
  if (field.kind !== "fee") return;
  const around = text.slice(Math.max(0, field.start - 12), field.end + 12);
  field.deducted = deductedNearby.test(around);
}

const windowChars = 120;

/**
 * Loan terms only around anchors (plain-text offsets of loan words): on a long page that
 * mentions a loan once, the regexes read a few hundred characters instead of the whole text.
 */
export function extractLoanFieldsNear(plain: string, anchors: readonly number[]): LoanField[] {
  const fields: LoanField[] = [];
  const sorted = [...anchors].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    const from = Math.max(0, sorted[i]! - windowChars);
    let to = Math.min(plain.length, sorted[i]! + windowChars);
    while (i + 1 < sorted.length && sorted[i + 1]! - windowChars <= to)
      to = Math.min(plain.length, sorted[++i]! + windowChars);
    i++;
    for (const f of extractLoanFields(plain.slice(from, to)))
      fields.push({ ...f, start: f.start + from, end: f.end + from });
  }
  return fields;
}

/** Every loan term found in the plain normalised text, in text order. */
export function extractLoanFields(plain: string): LoanField[] {
  const fields: LoanField[] = [];
  for (const { kind, regex, read } of extractors) {
    for (const m of allMatches(regex, plain)) {
      const values = read(m);
      if (!values || values.value === undefined || !Number.isFinite(values.value) || values.value <= 0)
        continue;
      const field: LoanField = { kind, value: values.value, start: m.index, end: m.index + m[0].length };
      if (values.percentOfPrincipal !== undefined) field.percentOfPrincipal = values.percentOfPrincipal;
      if (values.label !== undefined) field.label = values.label;
      markDeducted(field, plain);
      fields.push(field);
    }
  }
  return fields.sort((a, b) => a.start - b.start);
}

const offerGapChars = 80;

/**
 * Fields grouped into offers: a new offer starts after a gap of more than 80 characters, or at
 * a second loan amount (a headline "最高借5万" followed by a worked example is two offers).
 */
export function groupOffers(fields: readonly LoanField[]): LoanField[][] {
  const offers: LoanField[][] = [];
  let current: LoanField[] = [];
  let lastEnd = -Infinity;
  for (const field of fields) {
    const secondAmount = field.kind === "principal" && current.some((f) => f.kind === "principal");
    if ((field.start - lastEnd > offerGapChars || secondAmount) && current.length > 0) {
      offers.push(current);
      current = [];
    }
    current.push(field);
    lastEnd = Math.max(lastEnd, field.end);
  }
  if (current.length > 0) offers.push(current);
  return offers;
}
