// Per-character folding for matching, cached in tables indexed by UTF-16 code unit so the hot
// loop of normalisation is an array read for almost every character. Folding = Unicode NFKC,
// Traditional → Simplified (OpenCC tables), lower case; zero-width characters and combining marks
// are dropped and every kind of whitespace becomes one space.
import { toSimplifiedChar } from "./t2s.ts";

export const UNSET = -3;
export const DROP = -1;
/** The character folds to several code units (…, ㈤, ﬁ) or is a surrogate: see `multi`. */
export const MULTI = -2;

const zeroWidth = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/;
const mark = /\p{M}/u;
const whitespace = /\s/;
const letterOrDigit = /^[\p{L}\p{N}]$/u;

function foldCodePoint(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (zeroWidth.test(ch)) return "";
  let out = "";
  for (const c of ch.normalize("NFKC")) {
    const simplified = toSimplifiedChar(c).toLowerCase();
    if (whitespace.test(simplified)) out += " ";
    else if (!zeroWidth.test(simplified) && !mark.test(simplified)) out += simplified;
  }
  return out;
}

/** Folded form of every BMP code unit: a char code, DROP, or MULTI (string in `multi`). */
export const foldTable = new Int32Array(0x10000).fill(UNSET);
export const multi = new Map<number, string>();

/** Fills and returns the table entry of a BMP code unit. */
export function foldEntry(code: number): number {
  const cached = foldTable[code]!;
  if (cached !== UNSET) return cached;
  let value: number;
  if (code >= 0xd800 && code <= 0xdfff) {
    value = MULTI; // a surrogate: the pair is folded as one code point
  } else {
    const out = foldCodePoint(code);
    if (out.length === 0) value = DROP;
    else if (out.length === 1) value = out.charCodeAt(0);
    else {
      value = MULTI;
      multi.set(code, out);
    }
  }
  foldTable[code] = value;
  return value;
}

/** Folded form of an astral code point (cached). */
export function foldAstral(cp: number): string {
  let out = multi.get(cp);
  if (out === undefined) {
    out = foldCodePoint(cp);
    multi.set(cp, out);
  }
  return out;
}

/** 1 for letters and digits (kept in the compact form), 0 otherwise, 2 for surrogates. */
const wordTable = new Uint8Array(0x10000).fill(255);

export function isWordUnit(code: number): number {
  let value = wordTable[code]!;
  if (value === 255) {
    if (code >= 0xd800 && code <= 0xdfff) value = 2;
    else value = letterOrDigit.test(String.fromCharCode(code)) ? 1 : 0;
    wordTable[code] = value;
  }
  return value;
}

export function isWordCodePoint(cp: number): boolean {
  return letterOrDigit.test(String.fromCodePoint(cp));
}
