// Normalisation for matching (domain.md §13). Violators write 保 本 保 息, 保*本, ＡＢＣ, 剛性兌付 or
// V信 to slip past keyword filters; matching runs on a normalised copy of the text while every
// normalised character keeps the span of original text it came from, so excerpts show what the
// page really said.
//
// Two forms are made, each in one pass over the text:
// - compact: NFKC, Traditional→Simplified, lower case, and only letters and digits kept
//   (separators, punctuation, symbols, zero-width characters dropped). Phrases match here.
// - plain:   the same folding, but punctuation kept and whitespace runs collapsed to one space,
//   so numbers like 0.1% and 1:100 survive. Regular expressions and arithmetic run here.
// Per-character results are cached in tables indexed by UTF-16 code unit, which keeps the hot loop
// to an array read for almost every character.
import { toSimplifiedChar } from "./t2s.ts";

export type NormalisedText = {
  /** The normalised string. */
  readonly text: string;
  /** start[i] = offset in the original of the character text[i] came from (non-decreasing). */
  readonly start: Int32Array;
  /** The original text. */
  readonly original: string;
};

type Form = "compact" | "plain";

const UNSET = -3;
const DROP = -1;
const MULTI = -2;

const zeroWidth = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/;
const letterOrDigit = /[\p{L}\p{N}]/u;
const whitespace = /\s/;

class FoldTable {
  readonly bmp = new Int32Array(0x10000).fill(UNSET);
  readonly multi = new Map<number, string>();
  constructor(private readonly form: Form) {}

  /** Folded output for one code point ("" when dropped). */
  fold(cp: number): string {
    const ch = String.fromCodePoint(cp);
    if (zeroWidth.test(ch)) return "";
    let out = "";
    for (const c of ch.normalize("NFKC")) {
      const simplified = toSimplifiedChar(c).toLowerCase();
      if (this.form === "compact") {
        if (letterOrDigit.test(simplified)) out += simplified;
      } else if (whitespace.test(simplified)) {
        out += " ";
      } else if (!zeroWidth.test(simplified) && !/\p{M}/u.test(simplified)) {
        out += simplified;
      }
    }
    return out;
  }

  /** Table entry for a BMP code unit: a char code, DROP or MULTI (string in `multi`). */
  entry(code: number): number {
    const cached = this.bmp[code]!;
    if (cached !== UNSET) return cached;
    const out = this.fold(code);
    let value: number;
    if (out.length === 0) value = DROP;
    else if (out.length === 1) value = out.charCodeAt(0);
    else {
      value = MULTI;
      this.multi.set(code, out);
    }
    this.bmp[code] = value;
    return value;
  }

  astral(cp: number): string {
    let out = this.multi.get(cp);
    if (out === undefined) {
      out = this.fold(cp);
      this.multi.set(cp, out);
    }
    return out;
  }
}

const tables: Record<Form, FoldTable> = { compact: new FoldTable("compact"), plain: new FoldTable("plain") };

/** Output buffers of one normalisation; grown on demand (a folded character can expand). */
class Builder {
  codes: Uint16Array;
  start: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.start = new Int32Array(capacity);
  }
  ensure(extra: number): void {
    if (this.length + extra <= this.codes.length) return;
    const size = (this.length + extra) * 2;
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    const start = new Int32Array(size);
    start.set(this.start);
    this.codes = codes;
    this.start = start;
  }
  pushString(s: string, from: number): void {
    this.ensure(s.length);
    for (let k = 0; k < s.length; k++) {
      this.codes[this.length] = s.charCodeAt(k);
      this.start[this.length++] = from;
    }
  }
  finish(original: string): NormalisedText {
    return {
      text: utf16.decode(this.codes.subarray(0, this.length)),
      start: this.start.subarray(0, this.length),
      original,
    };
  }
}

const utf16 = new TextDecoder("utf-16le");

function normaliseWith(original: string, form: Form): NormalisedText {
  const table = tables[form];
  const bmp = table.bmp;
  const n = original.length;
  const out = new Builder(n + 16);
  let codes = out.codes;
  let starts = out.start;
  let len = 0;
  const plain = form === "plain";
  let lastWasSpace = true; // no leading space in plain form
  for (let i = 0; i < n; i++) {
    const code = original.charCodeAt(i);
    let value = bmp[code]!;
    if (value === UNSET) value = table.entry(code);
    if (value >= 0) {
      if (plain) {
        if (value === 32) {
          if (lastWasSpace) continue;
          lastWasSpace = true;
        } else lastWasSpace = false;
      }
      if (len === codes.length) {
        out.length = len;
        out.ensure(1);
        codes = out.codes;
        starts = out.start;
      }
      codes[len] = value;
      starts[len++] = i;
      continue;
    }
    if (value === DROP) continue;
    // Expanding character or a surrogate pair: rare, take the slow path.
    let folded: string;
    const from = i;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n && isLowSurrogate(original.charCodeAt(i + 1))) {
      folded = table.astral(original.codePointAt(i)!);
      i++;
    } else folded = table.multi.get(code) ?? "";
    if (!folded) continue;
    if (plain && folded === " ") {
      if (lastWasSpace) continue;
    }
    out.length = len;
    out.pushString(folded, from);
    codes = out.codes;
    starts = out.start;
    len = out.length;
    lastWasSpace = folded.endsWith(" ");
  }
  out.length = len;
  return canonicaliseContacts(out.finish(original));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// Contact-app euphemisms (domain.md §13) → one canonical word, so "加V信" matches "加微信".
// Latin forms only count as whole latin runs ("wx" but not the "wx" inside "wxyz").
const contactWords =
  /v信|威信|薇信|徽信|(?<![a-z])(?:vx|wx|weixin|wechat)(?![a-z])|扣扣|企鹅号|加q(?![a-z])|纸飞机|(?<![a-z])telegram(?![a-z])/g;
const canonicalContact: Record<string, string> = {
  扣扣: "qq",
  企鹅号: "qq号",
  加q: "加qq",
  纸飞机: "tg",
  telegram: "tg",
};

function canonicaliseContacts(nt: NormalisedText): NormalisedText {
  contactWords.lastIndex = 0;
  if (!contactWords.test(nt.text)) return nt;
  contactWords.lastIndex = 0;
  const out = new Builder(nt.text.length + 16);
  const copy = (from: number, to: number): void => {
    out.ensure(to - from);
    for (let k = from; k < to; k++) {
      out.codes[out.length] = nt.text.charCodeAt(k);
      out.start[out.length++] = nt.start[k]!;
    }
  };
  let copied = 0;
  for (const m of nt.text.matchAll(contactWords)) {
    copy(copied, m.index);
    const word = canonicalContact[m[0]] ?? "微信";
    const last = m[0].length - 1;
    out.ensure(word.length);
    // Each output character maps into the matched span, the last one to its last character, so
    // the span's end is recovered exactly.
    for (let k = 0; k < word.length; k++) {
      const source = k === word.length - 1 ? last : Math.min(k, last);
      out.codes[out.length] = word.charCodeAt(k);
      out.start[out.length++] = nt.start[m.index + source]!;
    }
    copied = m.index + m[0].length;
  }
  copy(copied, nt.text.length);
  return out.finish(nt.original);
}

/** End offset (exclusive) in the original of the normalised character at index i. */
export function originalEnd(nt: NormalisedText, i: number): number {
  const at = nt.start[i]!;
  const code = nt.original.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff ? at + 2 : at + 1;
}

/** The original span [start, end) that normalised characters [from, to) came from. */
export function originalSpan(nt: NormalisedText, from: number, to: number): [number, number] {
  return [nt.start[from]!, originalEnd(nt, to - 1)];
}

/** Letters and digits only, folded: the form phrases are matched in. */
export function normaliseCompact(original: string): NormalisedText {
  return normaliseWith(original, "compact");
}

/** Folded text with punctuation kept and whitespace collapsed: the form regexes run on. */
export function normalisePlain(original: string): NormalisedText {
  return normaliseWith(original, "plain");
}

/** The compact form of a phrase from a rule pack (the same folding as page text). */
export function normalisePhrase(phrase: string): string {
  return normaliseCompact(phrase).text;
}

/** The plain form of a short text, without offsets (for regex examples and labels). */
export function foldPlain(text: string): string {
  return normalisePlain(text).text;
}
