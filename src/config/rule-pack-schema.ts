// The schema of a rule pack (config/rules/<category>.yaml; format documented in
// config/rules/README.md). Unknown keys are errors. Defaults live here and only here.
import { z } from "zod";

export const categoryIds = [
  "p2p_lending",
  "cash_loan",
  "bank_card_trading",
  "micro_trading",
  "pyramid_selling",
  "false_advertising",
  "counterfeit",
  "elderly_scam",
  "license_display",
  "red_shield",
  "unregistered_entity",
  "identity_mismatch",
] as const;
export type CategoryId = (typeof categoryIds)[number];

export const severities = ["low", "medium", "high"] as const;
export type Severity = (typeof severities)[number];

const text = z.string().trim().min(1);

const numberCondition = z
  .object({
    /** A regular expression over the plain normalised text whose first capture group is a number. */
    regex: text,
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
  })
  .strict();

const groupFields = {
  phrases: z.array(text).default([]),
  regexes: z.array(text).default([]),
  numbers: z.array(numberCondition).default([]),
};

/** A list of strings is shorthand for { phrases: [...] }. */
const asGroup = (value: unknown) => (Array.isArray(value) ? { phrases: value } : value);

const group = z.preprocess(asGroup, z.object(groupFields).strict());

const nearGroup = z.preprocess(
  asGroup,
  z
    .object({
      ...groupFields,
      /** Largest distance in characters of original text between the trigger and this group. */
      windowChars: z.number().int().positive().default(80),
      /** Where the group must occur relative to the trigger. */
      position: z.enum(["before", "after", "either"]).default("either"),
    })
    .strict(),
);

const unlessGroup = z.preprocess(
  asGroup,
  z
    .object({
      ...groupFields,
      /** Omitted: anywhere on the page. */
      windowChars: z.number().int().positive().optional(),
    })
    .strict(),
);

const basis = z
  .object({
    law: text,
    article: text,
    summary: text.optional(),
  })
  .strict();

const examples = z
  .object({
    positive: z.array(text).min(1),
    negative: z.array(text).min(1),
  })
  .strict();

const escalate = z
  .object({
    severity: z.enum(severities),
    anywhere: z.array(group).default([]),
    absent: z.array(group).default([]),
  })
  .strict();

const common = {
  id: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_.]+$/, "must look like category.rule_name (lower case)"),
  severity: z.enum(severities),
  basis,
  description: text.optional(),
  /** Groups that must each occur somewhere on the page. */
  anywhere: z.array(group).default([]),
  /** Groups none of which may occur on the page. */
  absent: z.array(group).default([]),
  /** Hard-negative terms that cancel a trigger near them (or anywhere, without windowChars). */
  unless: z.array(unlessGroup).default([]),
  /** Only on pages that look like an online shop. */
  requiresShop: z.boolean().default(false),
  /** Dropped when the page has findings of these more specific categories. */
  yieldsTo: z.array(z.enum(categoryIds)).default([]),
  escalate: escalate.optional(),
  examples,
};

const patternRule = z
  .object({
    kind: z.literal("pattern"),
    ...common,
    trigger: group,
    near: z.array(nearGroup).default([]),
    /** Characters before a trigger searched for 不/非/未/无/禁止…; 0 turns negation off. */
    negationWindowChars: z.number().int().min(0).default(6),
    /** Distinct trigger texts needed before the rule fires. */
    minDistinct: z.number().int().min(1).default(1),
  })
  .strict();

const loanCostRule = z
  .object({
    kind: z.literal("loan_cost"),
    ...common,
    check: z.enum(["apr_above_cap", "upfront_deduction"]),
    /** Comprehensive annualised cost cap in percent (141号文 / 2019 opinion: 36). */
    capPercent: z.number().positive().default(36),
    /** Phrases that make a page worth the arithmetic (loan vocabulary). */
    gate: group,
  })
  .strict();

const shopRule = z
  .object({
    kind: z.literal("shop_without_licence"),
    ...common,
  })
  .strict();

const rule = z.preprocess(
  (value) =>
    value && typeof value === "object" && !Array.isArray(value) && !("kind" in value)
      ? { kind: "pattern", ...value }
      : value,
  z.discriminatedUnion("kind", [patternRule, loanCostRule, shopRule]),
);

export const rulePackSchema = z
  .object({
    category: z.enum(categoryIds),
    /** Staff-facing name of the category (Chinese). */
    title: text,
    description: text.optional(),
    rules: z.array(rule).min(1),
  })
  .strict();

export type RulePack = z.infer<typeof rulePackSchema>;
export type Rule = RulePack["rules"][number];
export type PatternRule = Extract<Rule, { kind: "pattern" }>;
export type LoanCostRule = Extract<Rule, { kind: "loan_cost" }>;
export type ShopRule = Extract<Rule, { kind: "shop_without_licence" }>;
export type TermGroup = PatternRule["trigger"];
export type NearGroup = PatternRule["near"][number];
export type UnlessGroup = Rule["unless"][number];
export type NumberCondition = TermGroup["numbers"][number];
export type RuleBasis = Rule["basis"];
