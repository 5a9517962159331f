// Contact-app euphemisms (domain.md §13: V信, 薇信, wx, 扣扣, 加q, 纸飞机 …) folded to one canonical
// word in the compact form, so a rule phrase "加微信" also matches "加V信". Latin forms count only
// as whole Latin runs ("wx" but not the "wx" inside "wxyz"). Works on code units: a page with no
// contact word costs one table read per character.

/** Normalised code units and the original offset of each. */
export type Folded = { codes: Uint16Array; start: Int32Array; length: number };

type Word = { from: number[]; to: string; latinStart: boolean; latinEnd: boolean };

const isLatin = (code: number) => code >= 97 && code <= 122;

function word(from: string, to: string): Word {
  const codes = [...from].map((c) => c.charCodeAt(0));
  return { from: codes, to, latinStart: isLatin(codes[0]!), latinEnd: isLatin(codes[codes.length - 1]!) };
}

const words: Word[] = [
  word("weixin", "微信"),
  word("wechat", "微信"),
  word("telegram", "tg"),
  word("v信", "微信"),
  word("威信", "微信"),
  word("薇信", "微信"),
  word("徽信", "微信"),
  word("vx", "微信"),
  word("wx", "微信"),
  word("扣扣", "qq"),
  word("企鹅号", "qq号"),
  word("加q", "加qq"),
  word("纸飞机", "tg"),
];
// First code unit → candidate words (longest first).
const byFirst = new Map<number, Word[]>();
for (const w of words) byFirst.set(w.from[0]!, [...(byFirst.get(w.from[0]!) ?? []), w]);
const firstUnits = new Uint8Array(0x10000);
for (const code of byFirst.keys()) firstUnits[code] = 1;

/** Latin letters at a and b (a < b) that were adjacent in the original: one Latin run. */
function sameRun(f: Folded, a: number, b: number): boolean {
  return isLatin(f.codes[a]!) && isLatin(f.codes[b]!) && f.start[b]! - f.start[a]! <= 1;
}

function matchAt(f: Folded, i: number): Word | null {
  for (const w of byFirst.get(f.codes[i]!) ?? []) {
    if (i + w.from.length > f.length) continue;
    if (w.latinStart && i > 0 && sameRun(f, i - 1, i)) continue;
    let k = 1;
    while (k < w.from.length && f.codes[i + k] === w.from[k]) k++;
    if (k < w.from.length) continue;
    const after = i + w.from.length;
    if (w.latinEnd && after < f.length && sameRun(f, after - 1, after)) continue;
    return w;
  }
  return null;
}

/** The folded text with contact words canonicalised, or null when it has none. */
export function canonicaliseContacts(f: Folded): Folded | null {
  let out: Folded | null = null;
  let copied = 0;
  for (let i = 0; i < f.length; i++) {
    if (firstUnits[f.codes[i]!] === 0) continue;
    const w = matchAt(f, i);
    if (!w) continue;
    out ??= { codes: new Uint16Array(f.length * 2 + 8), start: new Int32Array(f.length * 2 + 8), length: 0 };
    out.codes.set(f.codes.subarray(copied, i), out.length);
    out.start.set(f.start.subarray(copied, i), out.length);
    out.length += i - copied;
    const last = w.from.length - 1;
    // Each output character maps into the matched span, the last one to its last character, so
    // the span's end is recovered exactly.
    for (let k = 0; k < w.to.length; k++) {
      out.codes[out.length] = w.to.charCodeAt(k);
      out.start[out.length++] = f.start[i + (k === w.to.length - 1 ? last : Math.min(k, last))]!;
    }
    copied = i + w.from.length;
    i = copied - 1;
  }
  if (!out) return null;
  out.codes.set(f.codes.subarray(copied, f.length), out.length);
  out.start.set(f.start.subarray(copied, f.length), out.length);
  out.length += f.length - copied;
  return out;
}
