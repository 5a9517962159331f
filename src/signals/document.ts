// The text of a page as the engine reads it: every text field of the extracted page joined into
// one original string (segments remember where each part came from), its two normalised forms,
// and the phrase hits of one automaton pass, indexed by phrase and mapped back to the original.
import { type NormalisedText, normaliseBoth, originalEnd } from "../page/normalise.ts";
import type { ExtractedPage } from "../page/types.ts";
import type { CompiledPacks } from "./compile.ts";
import { allMatches, lowerBound } from "./sorted.ts";

export type SegmentKind = "title" | "description" | "keywords" | "visible" | "hidden" | "alt" | "attribute";
export type Segment = { kind: SegmentKind; start: number; end: number };

/** A span of the original text, [start, end). */
export type Span = { start: number; end: number };

/** The hits of one phrase as parallel arrays (no object per hit: large pages have many). */
export type HitList = { readonly starts: readonly number[]; readonly ends: readonly number[] };

export type PageDocument = {
  page: ExtractedPage;
  text: string;
  segments: Segment[];
  compact: NormalisedText;
  /** The plain form (punctuation kept), for regexes, number conditions and arithmetic. */
  plain(): NormalisedText;
  /** Hits of phrase id, sorted by start, in original offsets. */
  hitsOf(phraseId: number): HitList;
  /** Phrase ids with at least one hit. */
  hitIds: readonly number[];
};

const noHits: HitList = Object.freeze({ starts: Object.freeze([]), ends: Object.freeze([]) });
// Separator stripping may join words across sentences (…保本。保息…); a hit may not span these.
const hardBreak = /[\n。！？!?]/;

function joinSegments(page: ExtractedPage): { text: string; segments: Segment[] } {
  const parts: [SegmentKind, string][] = [
    ["title", page.title],
    ["description", page.metaDescription],
    ["keywords", page.metaKeywords],
    ["visible", page.visibleText],
    ["hidden", page.hiddenText],
    ["alt", page.altTexts.join("\n")],
    [
      "attribute",
      page.links
        .map((l) => l.title)
        .filter((t) => t.length > 0)
        .join("\n"),
    ],
  ];
  const segments: Segment[] = [];
  let text = "";
  for (const [kind, value] of parts) {
    if (!value) continue;
    if (text) text += "\n";
    segments.push({ kind, start: text.length, end: text.length + value.length });
    text += value;
  }
  return { text, segments };
}

const isAsciiDigit = (code: number) => code >= 48 && code <= 57;
const isAsciiLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const sameKind = (a: number, b: number) =>
  (isAsciiDigit(a) && isAsciiDigit(b)) || (isAsciiLetter(a) && isAsciiLetter(b));

/**
 * A phrase that starts or ends with a Latin letter (digit) must not continue a longer word
 * (number) of the page: "lv" in "silver", "11复刻" in "21:1复刻". Letters next to digits are
 * fine ("AJ1").
 */
function breaksWord(original: string, from: number, to: number, phrase: string): boolean {
  const first = phrase.charCodeAt(0);
  const last = phrase.charCodeAt(phrase.length - 1);
  if (from > 0 && sameKind(first, original.charCodeAt(from - 1))) return true;
  return to < original.length && sameKind(last, original.charCodeAt(to));
}

function indexHits(
  compact: NormalisedText,
  packs: CompiledPacks,
): { hits: (HitList | undefined)[]; hitIds: number[] } {
  // Dense array indexed by phrase id (a sparse one would fall back to slow dictionary storage).
  const hits: ({ starts: number[]; ends: number[] } | undefined)[] = new Array(packs.phrases.length).fill(
    undefined,
  );
  const hitIds: number[] = [];
  const original = compact.original;
  const starts = compact.start;
  const latinEdged = packs.latinEdged;
  // Called for every hit of every phrase: no allocation unless the hit is kept.
  packs.automaton.scan(compact.codes, (pattern, start, end) => {
    const from = starts[start]!;
    const to = originalEnd(compact, end - 1);
    const length = end - start;
    if (to - from > length) {
      if (to - from > length * 4 + 4) return;
      if (hardBreak.test(original.slice(from, to))) return;
    }
    if (latinEdged[pattern] === 1 && breaksWord(original, from, to, packs.phrases[pattern]!)) return;
    let list = hits[pattern];
    if (!list) {
      list = { starts: [], ends: [] };
      hits[pattern] = list;
      hitIds.push(pattern);
    }
    list.starts.push(from);
    list.ends.push(to);
  });
  return { hits, hitIds }; // lists are in start order: reported by end, offsets are monotone
}

export function buildDocument(page: ExtractedPage, packs: CompiledPacks): PageDocument {
  const { text, segments } = joinSegments(page);
  const { compact, plain } = normaliseBoth(text);
  const { hits, hitIds } = indexHits(compact, packs);
  return {
    page,
    text,
    segments,
    compact,
    plain: () => plain,
    hitsOf: (id) => hits[id] ?? noHits,
    hitIds,
  };
}

/** The segment that contains offset (the last one when offset is at the very end). */
export function segmentAt(doc: PageDocument, offset: number): Segment | null {
  for (const s of doc.segments) if (offset >= s.start && offset < s.end) return s;
  return doc.segments.at(-1) ?? null;
}

const sentenceBreaks = /[\n。！？!?；;]/g;
const breakIndex = new WeakMap<PageDocument, Int32Array>();

/** Offsets of the sentence breaks of the page, found once. */
function breaksOf(doc: PageDocument): Int32Array {
  let breaks = breakIndex.get(doc);
  if (!breaks) {
    breaks = Int32Array.from(allMatches(sentenceBreaks, doc.text), (m) => m.index);
    breakIndex.set(doc, breaks);
  }
  return breaks;
}

/** True when no sentence break lies between the two offsets. */
export function sameSentence(doc: PageDocument, a: number, b: number): boolean {
  const [from, to] = a < b ? [a, b] : [b, a];
  const breaks = breaksOf(doc);
  const next = lowerBound(breaks, from);
  return next >= breaks.length || breaks[next]! >= to;
}
