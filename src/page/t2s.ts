// Traditional → Simplified, one character at a time, from OpenCC's own tables (npm opencc-js).
// Matching needs a conversion that never changes the length of the text (offsets must map back
// to the original), so only OpenCC's single-character dictionaries are used: Taiwan and Hong Kong
// variant forms are first folded to OpenCC's standard Traditional form, then converted with
// TSCharacters (剛性兌付 → 刚性兑付, 資金池 → 资金池, 穩賺不賠 → 稳赚不赔).
import * as presets from "opencc-js/preset/t2cn";

type DictLike = string | readonly (readonly [string, string])[];

function entriesOf(dict: DictLike): [string, string][] {
  if (typeof dict !== "string") return dict.map(([a, b]) => [a, b]);
  return dict.split("|").map((item) => {
    const [from = "", to = ""] = item.split(" ");
    return [from, to];
  });
}

function singleCharMap(dicts: readonly DictLike[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const dict of dicts) {
    for (const [from, to] of entriesOf(dict)) {
      if ([...from].length === 1 && [...to].length === 1) map.set(from, to);
    }
  }
  return map;
}

function buildTable(): Map<string, string> {
  const variantDicts = [...(presets.from.tw ?? []), ...(presets.from.hk ?? [])].flat();
  const variants = singleCharMap(variantDicts);
  const toSimplified = singleCharMap((presets.to.cn ?? []).flat());
  const table = new Map<string, string>();
  for (const [from, to] of toSimplified) table.set(from, to);
  for (const [variant, standard] of variants) {
    const simplified = toSimplified.get(standard) ?? standard;
    if (simplified !== variant) table.set(variant, simplified);
  }
  return table;
}

// Variant spellings folded after conversion: 帐 is still common for 账 (到帐, 帐户), and OpenCC
// leaves Traditional 帳 as 帐.
const variants: Record<string, string> = { 帐: "账" };

let table: Map<string, string> | null = null;

/** The Simplified form of one character (the character itself when it has none). */
export function toSimplifiedChar(ch: string): string {
  table ??= buildTable();
  const simplified = table.get(ch) ?? ch;
  return variants[simplified] ?? simplified;
}
