// Normalisation for matching (domain.md §13). Violators write 保 本 保 息, 保*本, ＡＢＣ, 剛性兌付 or
// V信 to slip past keyword filters; matching runs on a normalised copy of the text while every
// normalised character keeps the offset of the original character it came from, so excerpts
// show what the page really said.
//
// Two forms, made together:
// - plain:   NFKC, Traditional→Simplified, lower case, zero-width characters dropped, whitespace
//   runs collapsed to one space; punctuation kept so 0.1% and 1:100 survive. Regular
//   expressions and arithmetic run here. One pass over the original through fold-table.ts.
// - compact: the plain form with only letters and digits kept (separators, punctuation and
//   symbols dropped), contact euphemisms canonicalised (contacts.ts). Phrases match here, on
//   the code units (the string is built only when asked for). A filter over the
//   plain form's code units: folding is per character, so filtering after folding is the same as
//   folding and filtering.
import { canonicaliseContacts, type Folded } from "./contacts.ts";
import {
  DROP,
  foldAstral,
  foldEntry,
  foldTable,
  isWordCodePoint,
  isWordUnit,
  multi,
  UNSET,
} from "./fold-table.ts";

export type NormalisedText = {
  /** The normalised string (built on first use for the compact form: matching reads `codes`). */
  readonly text: string;
  /** The normalised UTF-16 code units. */
  readonly codes: Uint16Array;
  /** start[i] = offset in the original of the character text[i] came from (non-decreasing). */
  readonly start: Int32Array;
  /** The original text. */
  readonly original: string;
};

class Normalised implements NormalisedText {
  private decoded: string | null = null;
  constructor(
    readonly codes: Uint16Array,
    readonly start: Int32Array,
    readonly original: string,
  ) {}
  get text(): string {
    this.decoded ??= utf16.decode(this.codes);
    return this.decoded;
  }
}

type Buffers = Folded;

const utf16 = new TextDecoder("utf-16le");

function grow(b: Buffers, extra: number): void {
  const size = (b.length + extra) * 2;
  const codes = new Uint16Array(size);
  codes.set(b.codes.subarray(0, b.length));
  const start = new Int32Array(size);
  start.set(b.start.subarray(0, b.length));
  b.codes = codes;
  b.start = start;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** One pass over the original: folded code units and the original offset of each. */
function foldPass(original: string): Buffers {
  // Imported bindings copied to locals: the loop below runs once per character.
  const table = foldTable;
  const unset = UNSET;
  const drop = DROP;
  const n = original.length;
  const capacity = n + (n >> 3) + 16; // room for a few expanding characters (…, ㎡)
  const b: Buffers = { codes: new Uint16Array(capacity), start: new Int32Array(capacity), length: 0 };
  let codes = b.codes;
  let starts = b.start;
  let len = 0;
  let lastWasSpace = true; // no leading space
  for (let i = 0; i < n; i++) {
    const code = original.charCodeAt(i);
    let value = table[code]!;
    if (value === unset) value = foldEntry(code);
    if (value >= 0) {
      if (value === 32) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      if (len === codes.length) {
        b.length = len;
        grow(b, 1);
        codes = b.codes;
        starts = b.start;
      }
      codes[len] = value;
      starts[len++] = i;
      continue;
    }
    if (value === drop) continue;
    // Expanding character or surrogate pair: rare, the slow path.
    const from = i;
    let folded: string;
    if (isHighSurrogate(code) && i + 1 < n && isLowSurrogate(original.charCodeAt(i + 1))) {
      folded = foldAstral(original.codePointAt(i)!);
      i++;
    } else folded = multi.get(code) ?? "";
    if (folded.length === 0 || (folded === " " && lastWasSpace)) continue;
    if (len + folded.length >= codes.length) {
      b.length = len;
      grow(b, folded.length);
      codes = b.codes;
      starts = b.start;
    }
    for (let k = 0; k < folded.length; k++) {
      codes[len] = folded.charCodeAt(k);
      starts[len++] = from;
    }
    lastWasSpace = folded.endsWith(" ");
  }
  b.length = len;
  return b;
}

/** Keeps letters and digits of the folded buffers (astral letters kept as their pair). */
function wordFilter(plain: Buffers): Buffers {
  const { codes, start, length } = plain;
  const out: Buffers = { codes: new Uint16Array(length), start: new Int32Array(length), length: 0 };
  const outCodes = out.codes;
  const outStart = out.start;
  const wordKind = isWordUnit;
  let len = 0;
  for (let i = 0; i < length; i++) {
    const code = codes[i]!;
    const kind = wordKind(code);
    if (kind === 1) {
      outCodes[len] = code;
      outStart[len++] = start[i]!;
    } else if (kind === 2 && isHighSurrogate(code) && i + 1 < length) {
      const low = codes[i + 1]!;
      if (isWordCodePoint(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000)) {
        outCodes[len] = code;
        outStart[len++] = start[i]!;
        outCodes[len] = low;
        outStart[len++] = start[i + 1]!;
      }
      i++;
    }
  }
  out.length = len;
  return out;
}

function toText(b: Buffers, original: string): NormalisedText {
  return new Normalised(b.codes.subarray(0, b.length), b.start.subarray(0, b.length), original);
}

/** The compact form: letters and digits, contact euphemisms canonicalised. */
function compactOf(folded: Buffers, original: string): NormalisedText {
  const words = wordFilter(folded);
  return toText(canonicaliseContacts(words) ?? words, original);
}

/** Both forms of a text: plain for regexes and numbers, compact for phrases. */
export function normaliseBoth(original: string): { plain: NormalisedText; compact: NormalisedText } {
  const folded = foldPass(original);
  return { plain: toText(folded, original), compact: compactOf(folded, original) };
}

/** Letters and digits only, folded, contact words canonical: the form phrases are matched in. */
export function normaliseCompact(original: string): NormalisedText {
  return compactOf(foldPass(original), original);
}

/** Folded text with punctuation kept and whitespace collapsed: the form regexes run on. */
export function normalisePlain(original: string): NormalisedText {
  return toText(foldPass(original), original);
}

/** End offset (exclusive) in the original of the normalised character at index i. */
export function originalEnd(nt: NormalisedText, i: number): number {
  const at = nt.start[i]!;
  return isHighSurrogate(nt.original.charCodeAt(at)) ? at + 2 : at + 1;
}

/** The original span [start, end) that normalised characters [from, to) came from. */
export function originalSpan(nt: NormalisedText, from: number, to: number): [number, number] {
  return [nt.start[from]!, originalEnd(nt, to - 1)];
}

/** The compact form of a phrase from a rule pack (the same folding as page text). */
export function normalisePhrase(phrase: string): string {
  return normaliseCompact(phrase).text;
}

/** The plain form of a short text, without offsets (for regex examples and labels). */
export function foldPlain(text: string): string {
  return normalisePlain(text).text;
}
