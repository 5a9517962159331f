// A pattern rule fires when a trigger term occurs with every `near` group inside its window,
// the page conditions hold, and the local context (negation, warning, disclosure, hard-negative
// terms) does not explain the match away.
import type { PatternRule } from "../config/rule-pack-schema.ts";
import type { CompiledGroup, CompiledRule } from "./compile.ts";
import type { Span } from "./document.ts";
import { findNear, type Occurrence, type Scope } from "./matchers.ts";
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
import type { SuppressionReason } from "./types.ts";

const maxDetailedMatches = 5;

/** Cheap check before any regex runs: a phrase-only group without hits rules the rule out. */
function impossible({ compiled, matcher }: RuleInput): boolean {
  const trigger = compiled.trigger!;
  if (matcher.cannotMatch(trigger)) return true;
  if (compiled.near.some((g) => matcher.cannotMatch(g))) return true;
  return compiled.anywhere.some((g) => matcher.cannotMatch(g));
}

const hasRegexes = (g: CompiledGroup) => g.regexes.length > 0 || g.numbers.length > 0;
const scopeMarginChars = 200;

/** Windows around the occurrences of a phrase-only group (where a regex match could matter). */
function scopeAround(input: RuleInput, anchor: CompiledGroup, radius: number): Scope {
  const windows: [number, number][] = [];
  for (const o of input.matcher.occurrences(anchor)) {
    const from = Math.max(0, o.start - radius);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], o.end + radius);
    else windows.push([from, o.end + radius]);
  }
  return { key: `${anchor.key}:${radius}`, windows };
}

/**
 * Scopes for the rule's groups that have regexes: a regex trigger is scoped to a phrase-only near
 * group, a regex near group to a phrase-only trigger. Unscoped groups read the whole text.
 */
function scopesOf(input: RuleInput): Map<CompiledGroup, Scope> {
  const scopes = new Map<CompiledGroup, Scope>();
  const { trigger, near } = input.compiled;
  if (!trigger) return scopes;
  if (hasRegexes(trigger)) {
    const anchor = near.find((g) => !hasRegexes(g));
    if (anchor) scopes.set(trigger, scopeAround(input, anchor, anchor.windowChars + scopeMarginChars));
  } else {
    for (const g of near)
      if (hasRegexes(g)) scopes.set(g, scopeAround(input, trigger, g.windowChars + scopeMarginChars));
  }
  return scopes;
}

function nearTerms(
  input: RuleInput,
  trigger: Occurrence,
  scopes: Map<CompiledGroup, Scope>,
): string[] | null {
  const terms: string[] = [];
  for (const group of input.compiled.near) {
    const items = input.matcher.occurrences(group, scopes.get(group));
    const hit = findNear(items, trigger, group.windowChars, group.position, input.local.notNegated);
    if (!hit) return null;
    terms.push(hit.term);
  }
  return terms;
}

type Classified = {
  accepted: { trigger: Occurrence; near: string[] }[];
  reasons: [Occurrence, SuppressionReason][];
};

// Enough accepted matches to explain a finding; more only cost time on pages that repeat a
// phrase thousands of times.
const enoughAccepted = 20;
const maxTriggersExamined = 2000;

function classifyTriggers(input: RuleInput, rule: PatternRule): Classified {
  const result: Classified = { accepted: [], reasons: [] };
  const scopes = scopesOf(input);
  const triggers = input.matcher.occurrences(input.compiled.trigger!, scopes.get(input.compiled.trigger!));
  const distinct = new Set<string>();
  for (let i = 0; i < triggers.length && i < maxTriggersExamined; i++) {
    const trigger = triggers[i]!;
    if (
      result.accepted.length >= enoughAccepted &&
      distinct.size >= rule.minDistinct &&
      distinct.has(trigger.term)
    ) {
      continue;
    }
    const near = nearTerms(input, trigger, scopes);
    if (!near) continue;
    const reason: SuppressionReason | null = unlessNear(input, trigger)
      ? "hard_negative"
      : input.local.reasonFor(trigger, rule.negationWindowChars);
    if (reason) {
      if (result.reasons.length < enoughAccepted) result.reasons.push([trigger, reason]);
    } else {
      result.accepted.push({ trigger, near });
      distinct.add(trigger.term);
    }
  }
  return result;
}

/** The first accepted match widened by the matches that overlap it (承诺保本 + 保本保息 → 承诺保本保息). */
function joinedSpan(triggers: Occurrence[]): Span {
  const span = { start: triggers[0]!.start, end: triggers[0]!.end };
  for (const t of triggers.slice(1)) {
    if (t.start > span.end) break;
    span.end = Math.max(span.end, t.end);
  }
  return span;
}

export function evaluatePatternRule(input: RuleInput): RuleOutcome {
  const compiled: CompiledRule = input.compiled;
  const rule = compiled.rule as PatternRule;
  if (rule.requiresShop && !input.context.isShop) return null;
  if (impossible(input) || !pageConditionsHold(input)) return null;
  const { accepted, reasons } = classifyTriggers(input, rule);
  const distinct = [...new Set(accepted.map((a) => a.trigger.term))];
  const pageNegative = pageUnlessHit(input);
  if (distinct.length >= rule.minDistinct && !pageNegative) {
    const first = accepted[0]!;
    const severity = severityOf(input);
    return {
      finding: makeFinding(
        input,
        joinedSpan(accepted.map((a) => a.trigger)),
        scoreFor(severity, distinct.length - 1),
        {
          terms: distinct.slice(0, 8),
          nearTerms: first.near,
          matches: accepted.length,
          otherExcerptsAt: accepted.slice(1, maxDetailedMatches).map((a) => a.trigger.start),
        },
      ),
    };
  }
  if (accepted.length > 0 && pageNegative)
    return { suppressed: makeSuppressed(input, accepted[0]!.trigger, "hard_negative") };
  const firstReason = reasons[0];
  return firstReason ? { suppressed: makeSuppressed(input, firstReason[0], firstReason[1]) } : null;
}
