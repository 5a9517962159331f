// Where a term group of a rule occurs on a page: phrase hits from the automaton pass, regular
// expressions and number conditions over the plain normalised text (run only when a rule asks,
// and once per page), and window searches between occurrences.
import { originalSpan } from "../page/normalise.ts";
import type { CompiledGroup, CompiledNumber, CompiledPacks, CompiledRegex } from "./compile.ts";
import type { PageDocument, Span } from "./document.ts";
import { allMatches, lowerBound, lowerBoundBy } from "./sorted.ts";

export type Occurrence = Span & {
  /** Normalised text of the term (distinct triggers are counted by it). */
  term: string;
  /** The number a number condition read, if any. */
  value?: number;
};

/**
 * Where regular expressions of a group need to run: windows of the original text around the
 * occurrences of another group that must be near anyway. `key` names the scope for caching.
 */
export type Scope = { key: string; windows: readonly (readonly [number, number])[] };

const byStart = (a: Occurrence, b: Occurrence) => a.start - b.start || a.end - b.end;

/** Most groups have hits of one phrase only, already in order: no sort (and no sort buffers) then. */
function isSorted(items: Occurrence[]): boolean {
  for (let i = 1; i < items.length; i++) if (byStart(items[i - 1]!, items[i]!) > 0) return false;
  return true;
}

/** Parses a number as printed (1,000 / 0.5 / ５). */
export function parseNumber(text: string): number {
  return Number(text.replace(/[,，\s]/g, ""));
}

export class GroupMatcher {
  private readonly groups = new Map<number | string, Occurrence[]>();
  private readonly regexes = new Map<CompiledRegex, Map<string, Occurrence[]>>();
  /** Group key → its phrases that were hit on this page (work grows with hits, not phrases). */
  private readonly hitPhrasesOfGroup = new Map<number, number[]>();

  constructor(
    private readonly doc: PageDocument,
    private readonly packs: CompiledPacks,
  ) {
    for (const id of doc.hitIds) {
      for (const key of packs.groupsOfPhrase[id]!) {
        const list = this.hitPhrasesOfGroup.get(key);
        if (list) list.push(id);
        else this.hitPhrasesOfGroup.set(key, [id]);
      }
    }
  }

  /** True if any phrase of the group was hit (no regex work). */
  hasPhraseHit(group: CompiledGroup): boolean {
    return this.hitPhrasesOfGroup.has(group.key);
  }

  /** True when the group can only match through phrases and none was hit. */
  cannotMatch(group: CompiledGroup): boolean {
    return group.regexes.length === 0 && group.numbers.length === 0 && !this.hasPhraseHit(group);
  }

  /** True when the group occurs anywhere on the page (a phrase hit answers without building occurrences). */
  present(group: CompiledGroup): boolean {
    return this.hasPhraseHit(group) || (!this.cannotMatch(group) && this.occurrences(group).length > 0);
  }

  /** Occurrences of the group; regexes only inside scope when one is given. */
  occurrences(group: CompiledGroup, scope?: Scope): readonly Occurrence[] {
    const scoped = scope && (group.regexes.length > 0 || group.numbers.length > 0);
    const cacheKey = scoped ? `${group.key}@${scope.key}` : group.key;
    const cached = this.groups.get(cacheKey);
    if (cached) return cached;
    const found: Occurrence[] = [];
    for (const id of this.hitPhrasesOfGroup.get(group.key) ?? []) {
      const term = this.packs.phrases[id]!;
      const { starts, ends } = this.doc.hitsOf(id);
      for (let i = 0; i < starts.length; i++) found.push({ start: starts[i]!, end: ends[i]!, term });
    }
    const within = scoped ? scope : undefined;
    for (const regex of group.regexes) found.push(...this.regexMatches(regex, within));
    for (const condition of group.numbers) found.push(...this.numberMatches(condition, within));
    if (!isSorted(found)) found.sort(byStart);
    this.groups.set(cacheKey, found);
    return found;
  }

  private regexMatches(compiled: CompiledRegex, scope?: Scope): Occurrence[] {
    let byScope = this.regexes.get(compiled);
    if (!byScope) {
      byScope = new Map();
      this.regexes.set(compiled, byScope);
    }
    const key = scope?.key ?? "";
    const cached = byScope.get(key) ?? byScope.get("");
    if (cached) return cached;
    const found: Occurrence[] = [];
    byScope.set(key, found);
    const plain = this.doc.plain();
    if (compiled.literal !== null && !plain.text.includes(compiled.literal)) return found;
    const ranges: (readonly [number, number])[] = scope
      ? scope.windows.map(
          ([from, to]) => [lowerBound(plain.start, from), lowerBound(plain.start, to)] as const,
        )
      : [[0, plain.text.length]];
    for (const [from, to] of ranges) {
      const text = from === 0 && to === plain.text.length ? plain.text : plain.text.slice(from, to);
      for (const m of allMatches(compiled.regex, text)) {
        if (m[0].length === 0) continue;
        const [start, end] = originalSpan(plain, from + m.index, from + m.index + m[0].length);
        const value = m[1] === undefined ? undefined : parseNumber(m[1]);
        found.push(value === undefined ? { start, end, term: m[0] } : { start, end, term: m[0], value });
      }
    }
    return found;
  }

  private numberMatches(condition: CompiledNumber, scope?: Scope): Occurrence[] {
    return this.regexMatches(condition, scope).filter(
      (o) =>
        o.value !== undefined &&
        Number.isFinite(o.value) &&
        (condition.atLeast === null || o.value >= condition.atLeast) &&
        (condition.atMost === null || o.value <= condition.atMost),
    );
  }
}

/** Characters between two spans (0 when they overlap). */
export function gapBetween(a: Span, b: Span): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

const longestTermChars = 64;
const startOf = (o: Occurrence) => o.start;

/** An occurrence within windowChars of the anchor (and on the required side), other than itself. */
export function findNear(
  items: readonly Occurrence[],
  anchor: Span,
  windowChars: number,
  position: "before" | "after" | "either" = "either",
  accept: (o: Occurrence) => boolean = () => true,
): Occurrence | null {
  const from = lowerBoundBy(items, anchor.start - windowChars - longestTermChars, startOf);
  for (let i = from; i < items.length; i++) {
    const o = items[i]!;
    if (o.start > anchor.end + windowChars) break;
    if (o.start === anchor.start && o.end === anchor.end) continue;
    if (position === "before" && o.start >= anchor.start) continue;
    if (position === "after" && o.start <= anchor.start) continue;
    if (gapBetween(o, anchor) <= windowChars && accept(o)) return o;
  }
  return null;
}
