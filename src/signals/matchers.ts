// Where a term group of a rule occurs on a page: phrase hits from the automaton pass, regular
// expressions and number conditions over the plain normalised text (run only when a rule asks,
// and once per page), and window searches between occurrences.
import { originalSpan } from "../page/normalise.ts";
import type { CompiledGroup, CompiledNumber, CompiledPacks, CompiledRegex } from "./compile.ts";
import type { PageDocument, Span } from "./document.ts";

export type Occurrence = Span & {
  /** Normalised text of the term (distinct triggers are counted by it). */
  term: string;
  /** The number a number condition read, if any. */
  value?: number;
};

const byStart = (a: Occurrence, b: Occurrence) => a.start - b.start || a.end - b.end;

/** Parses a number as printed (1,000 / 0.5 / ５). */
export function parseNumber(text: string): number {
  return Number(text.replace(/[,，\s]/g, ""));
}

export class GroupMatcher {
  private readonly groups = new Map<number, Occurrence[]>();
  private readonly regexes = new Map<CompiledRegex, Occurrence[]>();
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

  occurrences(group: CompiledGroup): readonly Occurrence[] {
    const cached = this.groups.get(group.key);
    if (cached) return cached;
    const found: Occurrence[] = [];
    for (const id of this.hitPhrasesOfGroup.get(group.key) ?? []) {
      const term = this.packs.phrases[id]!;
      const { starts, ends } = this.doc.hitsOf(id);
      for (let i = 0; i < starts.length; i++) found.push({ start: starts[i]!, end: ends[i]!, term });
    }
    for (const regex of group.regexes) found.push(...this.regexMatches(regex));
    for (const condition of group.numbers) found.push(...this.numberMatches(condition));
    found.sort(byStart);
    this.groups.set(group.key, found);
    return found;
  }

  private regexMatches(compiled: CompiledRegex): Occurrence[] {
    const cached = this.regexes.get(compiled);
    if (cached) return cached;
    const plain = this.doc.plain();
    const found: Occurrence[] = [];
    this.regexes.set(compiled, found);
    if (compiled.literal !== null && !plain.text.includes(compiled.literal)) return found;
    for (const m of plain.text.matchAll(compiled.regex)) {
      if (m[0].length === 0) continue;
      const [start, end] = originalSpan(plain, m.index, m.index + m[0].length);
      const value = m[1] === undefined ? undefined : parseNumber(m[1]);
      found.push(value === undefined ? { start, end, term: m[0] } : { start, end, term: m[0], value });
    }
    return found;
  }

  private numberMatches(condition: CompiledNumber): Occurrence[] {
    return this.regexMatches(condition).filter(
      (o) =>
        o.value !== undefined &&
        Number.isFinite(o.value) &&
        (condition.atLeast === null || o.value >= condition.atLeast) &&
        (condition.atMost === null || o.value <= condition.atMost),
    );
  }
}

/** Index of the first occurrence whose start is ≥ offset. */
function lowerBound(items: readonly Occurrence[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Characters between two spans (0 when they overlap). */
export function gapBetween(a: Span, b: Span): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

const longestTermChars = 64;

/** An occurrence within windowChars of the anchor (and on the required side), other than itself. */
export function findNear(
  items: readonly Occurrence[],
  anchor: Span,
  windowChars: number,
  position: "before" | "after" | "either" = "either",
  accept: (o: Occurrence) => boolean = () => true,
): Occurrence | null {
  const from = lowerBound(items, anchor.start - windowChars - longestTermChars);
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
