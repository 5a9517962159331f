// Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters, check character last.
// Alphabet 0-9 A-Z without I O S V Z; weights 3^(i-1) mod 31; check = (31 - S mod 31) mod 31.

const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const shape = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = "length" | "characters" | "check";

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = alphabet.indexOf(first17[i] ?? "");
    if (value < 0) throw new Error(`not a USCC character: ${first17[i]}`);
    sum += value * weights[i]!;
  }
  return alphabet[(31 - (sum % 31)) % 31]!;
}

/** Returns null for a valid code, or what is wrong with it. Input is expected upper-case. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return "length";
  if (!shape.test(code)) return "characters";
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : "check";
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

export function describeUsccProblem(code: string, problem: UsccProblem): string {
  switch (problem) {
    case "length":
      return `USCC must be 18 characters, got ${code.length}`;
    case "characters":
      return `USCC "${code}" has characters outside the GB 32100 alphabet (0-9, A-Z without I O S V Z) or a non-digit region code`;
    case "check":
      return `USCC "${code}" fails the GB 32100-2015 check character (expected ${usccCheckCharacter(code.slice(0, 17))})`;
  }
}

/** Masks the middle of a code for public pages: 9135********00Y43 style. */
export function maskUscc(code: string): string {
  return code.length === 18 ? `${code.slice(0, 4)}**********${code.slice(14)}` : "*".repeat(code.length);
}

/** Legacy 15-digit 注册号 (GS 15-2006), ISO 7064 MOD 11,10 check digit. */
export function isValidRegistrationNumber(code: string): boolean {
  if (!/^\d{15}$/.test(code)) return false;
  let p = 10;
  for (let i = 0; i < 14; i++) {
    let s = (p + Number(code[i])) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  return (p + Number(code[14])) % 10 === 1;
}
