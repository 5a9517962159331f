// The signals engine: page in, explainable findings out. Pure — no I/O, no clock, no randomness.
// One normalisation and one automaton pass per page; regexes, number conditions and loan
// arithmetic run only for rules whose phrase conditions can still hold.
import { extractPage } from "../page/extract.ts";
import type { ExtractedPage } from "../page/types.ts";
import type { RulePacks } from "./compile.ts";
import { detectContext } from "./context.ts";
import { buildDocument } from "./document.ts";
import { analyseLoanOffers, type LoanOffer } from "./loan-cost.ts";
import { evaluateLoanRule } from "./loan-rule.ts";
import { GroupMatcher } from "./matchers.ts";
import { evaluatePatternRule } from "./pattern-rule.ts";
import type { RuleInput, RuleOutcome } from "./rule-common.ts";
import { evaluateShopRule } from "./shop-rule.ts";
import { lowerBound } from "./sorted.ts";
import { LocalContext } from "./suppress.ts";
import type {
  PageAnalysis,
  PageContext,
  SignalFinding,
  SuppressedFinding,
  SuppressionReason,
} from "./types.ts";
import { sortFindings, verdictOf } from "./verdict.ts";

// Loan terms always come with numbers: a loan word with no digit or Chinese numeral close by
// (出借人, 借鉴, 贷款政策) anchors no arithmetic.
const numberNearChars = 40;
const numerals = new Uint8Array(0x10000);
for (const c of "0123456789一二三四五六七八九十百千万两") numerals[c.charCodeAt(0)] = 1;

function numberNear(codes: Uint16Array, at: number): boolean {
  const end = Math.min(codes.length, at + numberNearChars);
  for (let i = Math.max(0, at - numberNearChars); i < end; i++) if (numerals[codes[i]!] === 1) return true;
  return false;
}

/** Plain-text offsets of the loan words (gates of the loan rules) that have a number nearby. */
function loanAnchors(doc: ReturnType<typeof buildDocument>, compiled: RulePacks["compiled"]): number[] {
  const plain = doc.plain();
  const anchors: number[] = [];
  for (const id of compiled.loanGatePhrases) {
    for (const start of doc.hitsOf(id).starts) {
      const at = lowerBound(plain.start, start);
      if (numberNear(plain.codes, at)) anchors.push(at);
    }
  }
  return anchors;
}

/** News, regulator, court and warning pages quote violations: their findings are suppressed. */
function pageReason(context: PageContext): SuppressionReason | null {
  if (context.isRegulatorOrCourt) return "regulator_or_court_page";
  if (context.isNews) return "news_page";
  if (context.isWarning) return "warning_page";
  return null;
}

/** A rule that yields to more specific categories is dropped when one of them was found. */
function dropCoveredFindings(
  findings: SignalFinding[],
  suppressed: SuppressedFinding[],
  compiled: RulePacks["compiled"],
): SignalFinding[] {
  const found = new Set(findings.map((f) => f.category));
  return findings.filter((f) => {
    const covered = (compiled.yieldsTo.get(f.rule) ?? []).some((c) => found.has(c));
    if (covered) {
      suppressed.push({
        category: f.category,
        rule: f.rule,
        reason: "covered_by_other_category",
        excerpt: f.excerpt,
      });
    }
    return !covered;
  });
}

function evaluate(input: RuleInput, offers: () => readonly LoanOffer[]): RuleOutcome {
  switch (input.compiled.rule.kind) {
    case "pattern":
      return evaluatePatternRule(input);
    case "loan_cost":
      return evaluateLoanRule({ ...input, offers });
    case "shop_without_licence":
      return evaluateShopRule(input);
  }
}

export function analyzePage(page: ExtractedPage, packs: RulePacks): PageAnalysis {
  const compiled = packs.compiled;
  const doc = buildDocument(page, compiled);
  const context = detectContext(doc, compiled);
  const matcher = new GroupMatcher(doc, compiled);
  const local = new LocalContext(doc, compiled);
  let loanOffers: LoanOffer[] | null = null;
  const offers = () => {
    loanOffers ??= analyseLoanOffers(doc.plain().text, loanAnchors(doc, compiled));
    return loanOffers;
  };
  const reason = pageReason(context);
  const findings: SignalFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const rule of compiled.rules) {
    const outcome = evaluate({ compiled: rule, doc, matcher, local, context }, offers);
    if (!outcome) continue;
    if ("suppressed" in outcome) suppressed.push(outcome.suppressed);
    else if (reason && outcome.finding.category !== "license_display") {
      suppressed.push({
        category: outcome.finding.category,
        rule: outcome.finding.rule,
        reason,
        excerpt: outcome.finding.excerpt,
      });
    } else findings.push(outcome.finding);
  }
  const kept = dropCoveredFindings(findings, suppressed, compiled);
  sortFindings(kept);
  return { findings: kept, suppressed, context, verdict: verdictOf(kept), rulesHash: packs.hash };
}

/** Extracts and analyses one HTML page. */
export function analyzeHtml(
  html: string,
  url: string,
  packs: RulePacks,
): PageAnalysis & { page: ExtractedPage } {
  const page = extractPage(html, url);
  return { ...analyzePage(page, packs), page };
}
