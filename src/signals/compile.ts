// Turns validated rule packs into what the engine runs: one automaton over every phrase of every
// pack plus the context vocabulary, and rules whose term groups refer to phrases by number.
import { createHash } from "node:crypto";
import type { CategoryId, Rule, Severity } from "../config/rule-pack-schema.ts";
import type { LoadedRulePack, LoadedRulePacks } from "../config/rule-packs.ts";
import { normalisePhrase } from "../page/normalise.ts";
import { AhoCorasick } from "./aho-corasick.ts";
import { type ContextKind, contextVocabulary } from "./context-terms.ts";
import { requiredLiteral } from "./regex-literal.ts";

/** Bumped when the engine's behaviour changes, so stored findings are re-derived. */
export const ENGINE_VERSION = "signals-1";

type GroupSource = {
  phrases: readonly string[];
  regexes: readonly string[];
  numbers: readonly { regex: string; atLeast?: number | undefined; atMost?: number | undefined }[];
};

/** A regular expression and a literal every match contains (null: none known). */
export type CompiledRegex = { regex: RegExp; literal: string | null };
export type CompiledNumber = CompiledRegex & { atLeast: number | null; atMost: number | null };

export type CompiledGroup = {
  /** Index of this group, for per-page caches. */
  key: number;
  phraseIds: readonly number[];
  regexes: readonly CompiledRegex[];
  numbers: readonly CompiledNumber[];
};
export type CompiledNear = CompiledGroup & { windowChars: number; position: "before" | "after" | "either" };
export type CompiledUnless = CompiledGroup & { windowChars: number | null };

export type CompiledRule = {
  rule: Rule;
  category: CategoryId;
  trigger: CompiledGroup | null;
  near: readonly CompiledNear[];
  anywhere: readonly CompiledGroup[];
  absent: readonly CompiledGroup[];
  unless: readonly CompiledUnless[];
  escalate: {
    severity: Severity;
    anywhere: readonly CompiledGroup[];
    absent: readonly CompiledGroup[];
  } | null;
};

export type CompiledPacks = {
  automaton: AhoCorasick;
  /** Normalised phrase of each phrase id. */
  phrases: readonly string[];
  /** 1 where the phrase starts or ends with a Latin letter or digit (needs a word boundary). */
  latinEdged: Uint8Array;
  /** Keys of the term groups each phrase belongs to: a page touches only the groups of its hits. */
  groupsOfPhrase: readonly (readonly number[])[];
  context: Readonly<Record<ContextKind, readonly number[]>>;
  rules: readonly CompiledRule[];
  groupCount: number;
  /** Phrase ids of the loan rules' gates: the loan arithmetic reads the text around their hits. */
  loanGatePhrases: readonly number[];
  /** Rule id → categories whose findings make the rule's finding redundant. */
  yieldsTo: ReadonlyMap<string, readonly CategoryId[]>;
};

export type RulePacks = Readonly<{
  packs: readonly LoadedRulePack[];
  /** Changes whenever a pack or the engine changes. */
  hash: string;
  categories: readonly CategoryId[];
  compiled: CompiledPacks;
}>;

function compileRegex(source: string): CompiledRegex {
  return { regex: new RegExp(source, "g"), literal: requiredLiteral(source) };
}

class Compiler {
  private readonly ids = new Map<string, number>();
  readonly phrases: string[] = [];
  readonly groupsOfPhrase: number[][] = [];
  groupCount = 0;

  phraseId(phrase: string): number | null {
    const normalised = normalisePhrase(phrase);
    if (!normalised) return null;
    let id = this.ids.get(normalised);
    if (id === undefined) {
      id = this.phrases.length;
      this.ids.set(normalised, id);
      this.phrases.push(normalised);
    }
    return id;
  }

  phraseIds(phrases: readonly string[]): number[] {
    return [...new Set(phrases.map((p) => this.phraseId(p)).filter((id): id is number => id !== null))];
  }

  group(source: GroupSource): CompiledGroup {
    const key = this.groupCount++;
    const phraseIds = this.phraseIds(source.phrases);
    for (const id of phraseIds) {
      const groups = this.groupsOfPhrase[id];
      if (groups) groups.push(key);
      else this.groupsOfPhrase[id] = [key];
    }
    return {
      key,
      phraseIds,
      regexes: source.regexes.map(compileRegex),
      numbers: source.numbers.map((n) => ({
        ...compileRegex(n.regex),
        atLeast: n.atLeast ?? null,
        atMost: n.atMost ?? null,
      })),
    };
  }

  rule(rule: Rule, category: CategoryId): CompiledRule {
    const trigger = rule.kind === "pattern" ? rule.trigger : rule.kind === "loan_cost" ? rule.gate : null;
    return {
      rule,
      category,
      trigger: trigger ? this.group(trigger) : null,
      near:
        rule.kind === "pattern"
          ? rule.near.map((n) => ({ ...this.group(n), windowChars: n.windowChars, position: n.position }))
          : [],
      anywhere: rule.anywhere.map((g) => this.group(g)),
      absent: rule.absent.map((g) => this.group(g)),
      unless: rule.unless.map((u) => ({ ...this.group(u), windowChars: u.windowChars ?? null })),
      escalate: rule.escalate
        ? {
            severity: rule.escalate.severity,
            anywhere: rule.escalate.anywhere.map((g) => this.group(g)),
            absent: rule.escalate.absent.map((g) => this.group(g)),
          }
        : null,
    };
  }
}

/** Builds the runnable form of validated packs. */
export function compileRulePacks(loaded: LoadedRulePacks): RulePacks {
  const compiler = new Compiler();
  const rules = loaded.packs.flatMap(({ pack }) => pack.rules.map((r) => compiler.rule(r, pack.category)));
  const context = Object.fromEntries(
    Object.entries(contextVocabulary).map(([kind, words]) => [kind, compiler.phraseIds(words)]),
  ) as Record<ContextKind, number[]>;
  const compiled: CompiledPacks = {
    automaton: new AhoCorasick(compiler.phrases),
    phrases: compiler.phrases,
    latinEdged: Uint8Array.from(compiler.phrases, (p) => (/^[a-z0-9]|[a-z0-9]$/.test(p) ? 1 : 0)),
    groupsOfPhrase: compiler.phrases.map((_, id) => compiler.groupsOfPhrase[id] ?? []),
    context,
    rules,
    groupCount: compiler.groupCount,
    loanGatePhrases: [
      ...new Set(rules.filter((r) => r.rule.kind === "loan_cost").flatMap((r) => r.trigger?.phraseIds ?? [])),
    ],
    yieldsTo: new Map(
      rules.filter((r) => r.rule.yieldsTo.length > 0).map((r) => [r.rule.id, r.rule.yieldsTo]),
    ),
  };
  const hash = createHash("sha256").update(`${ENGINE_VERSION}\n${loaded.hash}`).digest("hex");
  const categories = [...new Set(loaded.packs.map((p) => p.pack.category))];
  return Object.freeze({ packs: loaded.packs, hash, categories, compiled });
}
