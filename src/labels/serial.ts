// Label serials: HD-YYYY-XXXX-XXXX-XXXC, e.g. HD-2026-K7Q4-XM9T-2WPC.
//
// Why this shape:
// - "HD" (红盾) marks a Red Shield serial; the year of issue helps staff read a serial at a glance.
//   Neither carries secret information, so a serial reveals nothing about the next one.
// - The 11 X characters are 55 bits from crypto.randomBytes, not a sequence or a timestamp: knowing
//   one serial (or a thousand) gives no way to guess another. With 10^5 labels issued, a random
//   guess hits an issued serial with probability about 10^5 / 2^55 ≈ 3·10^-12.
// - Alphabet: Crockford's base32 (digits and A-Z without I, L, O, U), so a serial read aloud or
//   typed from a screenshot has no 0/O or 1/I/L confusion; 32 symbols = 5 bits, so there is no
//   modulo bias. Typed input is folded (o→0, i/l→1, lower case, dashes optional).
// - C is a Luhn mod 32 check character over year + random part: it catches every single-character
//   typo and most swaps of neighbours before the database is asked.
import crypto from "node:crypto";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const prefix = "HD";
const randomLength = 11;

function symbolValue(ch: string): number {
  return alphabet.indexOf(ch);
}

/** Luhn mod 32 sum; `checkIncluded` says whether the last character is the check character. */
function luhnSum(payload: string, checkIncluded: boolean): number {
  let factor = checkIncluded ? 1 : 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const addend = factor * symbolValue(payload[i]!);
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % 32;
}

export function serialCheckCharacter(payload: string): string {
  return alphabet[(32 - luhnSum(payload, false)) % 32]!;
}

function randomPart(): string {
  const bytes = crypto.randomBytes(randomLength);
  // Each byte contributes its low 5 bits: uniform over the 32-symbol alphabet.
  return Array.from(bytes, (b) => alphabet[b & 31]!).join("");
}

function format(year: string, body: string): string {
  return `${prefix}-${year}-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
}

/** A new serial for a label issued in `year`. */
export function newSerial(year: number): string {
  const yyyy = String(year).padStart(4, "0");
  const random = randomPart();
  return format(yyyy, random + serialCheckCharacter(yyyy + random));
}

/**
 * The canonical form of a typed or linked serial, or null when it is not a well-formed serial
 * (wrong shape or failed check character).
 */
export function normaliseSerial(input: string): string | null {
  const folded = input.trim().toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  const match = /^HD(\d{4})([0-9A-HJKMNP-TV-Z]{12})$/.exec(folded);
  if (!match) return null;
  const [, year, body] = match as unknown as [string, string, string];
  if (luhnSum(year + body, true) !== 0) return null;
  return format(year, body);
}
