// Contact-app euphemisms (domain.md §13: V信, 薇信, wx, 扣扣, 加q, 纸飞机 …) folded to one canonical
// word, so a rule phrase "加微信" also matches "加V信". Latin forms count only as whole Latin runs
// ("wx" but not the "wx" inside "wxyz").
import type { NormalisedText } from "./normalise.ts";

const contactWords =
  /v信|威信|薇信|徽信|(?<![a-z])(?:vx|wx|weixin|wechat)(?![a-z])|扣扣|企鹅号|加q(?![a-z])|纸飞机|(?<![a-z])telegram(?![a-z])/g;
const canonical: Record<string, string> = {
  扣扣: "qq",
  企鹅号: "qq号",
  加q: "加qq",
  纸飞机: "tg",
  telegram: "tg",
};
// Literal pieces of the words above: a text with none of them needs no regex pass.
const hints = [
  "v信",
  "威信",
  "薇信",
  "徽信",
  "vx",
  "wx",
  "weixin",
  "wechat",
  "扣扣",
  "企鹅号",
  "加q",
  "纸飞机",
  "telegram",
];

const utf16 = new TextDecoder("utf-16le");

export function canonicaliseContacts(nt: NormalisedText): NormalisedText {
  if (!hints.some((hint) => nt.text.includes(hint))) return nt;
  const matches = [...nt.text.matchAll(contactWords)];
  if (matches.length === 0) return nt;
  const codes = new Uint16Array(nt.text.length + matches.length * 2);
  const start = new Int32Array(codes.length);
  let length = 0;
  const copy = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      codes[length] = nt.text.charCodeAt(k);
      start[length++] = nt.start[k]!;
    }
  };
  let copied = 0;
  for (const m of matches) {
    copy(copied, m.index);
    const word = canonical[m[0]] ?? "微信";
    const last = m[0].length - 1;
    // Each output character maps into the matched span, the last one to its last character, so
    // the span's end is recovered exactly.
    for (let k = 0; k < word.length; k++) {
      codes[length] = word.charCodeAt(k);
      start[length++] = nt.start[m.index + (k === word.length - 1 ? last : Math.min(k, last))]!;
    }
    copied = m.index + m[0].length;
  }
  copy(copied, nt.text.length);
  return {
    text: utf16.decode(codes.subarray(0, length)),
    start: start.subarray(0, length),
    original: nt.original,
  };
}
