// What every rule kind shares: page-wide conditions (anywhere / absent / unless), severity
// escalation, scores and the finding record itself.
import type { Severity } from "../config/rule-pack-schema.ts";
import type { CompiledRule } from "./compile.ts";
import type { PageDocument, Span } from "./document.ts";
import { excerptAt, whereOf } from "./excerpt.ts";
import { findNear, type GroupMatcher } from "./matchers.ts";
import type { LocalContext } from "./suppress.ts";
import type { PageContext, SignalFinding, SuppressedFinding, SuppressionReason } from "./types.ts";

export type RuleInput = {
  compiled: CompiledRule;
  doc: PageDocument;
  matcher: GroupMatcher;
  local: LocalContext;
  context: PageContext;
};

export type RuleOutcome = { finding: SignalFinding } | { suppressed: SuppressedFinding } | null;

const baseScore: Record<Severity, number> = { high: 0.85, medium: 0.7, low: 0.55 };

export function scoreFor(severity: Severity, extraEvidence: number): number {
  return Math.min(1, baseScore[severity] + 0.05 * Math.min(2, Math.max(0, extraEvidence)));
}

/** anywhere: every group present; absent: none present. */
export function pageConditionsHold({ compiled, matcher }: RuleInput): boolean {
  if (compiled.anywhere.some((g) => !matcher.present(g))) return false;
  return !compiled.absent.some((g) => matcher.present(g));
}

/** A hard-negative term of the rule anywhere on the page (unless without a window). */
export function pageUnlessHit({ compiled, matcher }: RuleInput): boolean {
  return compiled.unless.some((u) => u.windowChars === null && matcher.present(u));
}

/** A hard-negative term of the rule within its window of the span. */
export function unlessNear({ compiled, matcher }: RuleInput, span: Span): boolean {
  return compiled.unless.some(
    (u) =>
      u.windowChars !== null &&
      !matcher.cannotMatch(u) &&
      findNear(matcher.occurrences(u), span, u.windowChars) !== null,
  );
}

/** The rule's severity, raised when its escalation conditions hold. */
export function severityOf({ compiled, matcher }: RuleInput): Severity {
  const up = compiled.escalate;
  if (!up) return compiled.rule.severity;
  const present = (g: (typeof up.anywhere)[number]) => matcher.present(g);
  return up.anywhere.every(present) && !up.absent.some(present) ? up.severity : compiled.rule.severity;
}

export function makeFinding(
  input: RuleInput,
  span: Span | null,
  score: number,
  details: Record<string, unknown>,
  excerptSuffix = "",
): SignalFinding {
  const { compiled, doc } = input;
  const { basis } = compiled.rule;
  const excerpt = span ? excerptAt(doc, span) : "";
  return {
    category: compiled.category,
    rule: compiled.rule.id,
    severity: severityOf(input),
    score: Math.round(score * 100) / 100,
    excerpt: [excerpt, excerptSuffix].filter((s) => s.length > 0).join(" "),
    basis: basis.summary
      ? { law: basis.law, article: basis.article, summary: basis.summary }
      : { law: basis.law, article: basis.article },
    details: span ? { where: whereOf(doc, span), ...details } : details,
  };
}

export function makeSuppressed(
  input: RuleInput,
  span: Span | null,
  reason: SuppressionReason,
): SuppressedFinding {
  return {
    category: input.compiled.category,
    rule: input.compiled.rule.id,
    reason,
    excerpt: span ? excerptAt(input.doc, span) : "",
  };
}
