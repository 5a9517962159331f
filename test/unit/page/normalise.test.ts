// Normalisation for matching: what violators write to dodge filters folds to one form, and every
// normalised character still points at the original text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { normaliseBoth, normaliseCompact, normalisePlain, originalSpan } from "../../../src/page/index.ts";

const compact = (s: string) => normaliseCompact(s).text;

test("Traditional becomes Simplified through OpenCC's tables, Taiwan variants included", () => {
  assert.equal(compact("剛性兌付 資金池 保證收益 穩賺不賠"), "刚性兑付资金池保证收益稳赚不赔");
  assert.equal(compact("實際到帳4000元"), "实际到账4000元");
  assert.equal(compact("台灣 裡面"), "台湾里面");
});

test("full-width and compatibility forms fold (NFKC) and Latin is lower-cased", () => {
  assert.equal(compact("ＡＢＣ１２３ 粤ＩＣＰ备 ①② ⒋ ㈤"), "abc123粤icp备124五");
  assert.equal(normalisePlain("日息 0.1％ ，1：100").text, "日息 0.1% ,1:100");
});

test("separators, decorations and zero-width characters vanish from the compact form", () => {
  assert.equal(compact("保 本 保 息"), "保本保息");
  assert.equal(compact("保*本, 保-本, 保.本"), "保本保本保本");
  assert.equal(compact("安★全☆诚★信【八.年.老.店.】"), "安全诚信八年老店");
  assert.equal(compact("保\u200b本\u200d保\ufeff息\u2060"), "保本保息");
});

test("contact euphemisms become one canonical word; Latin ones only as whole runs", () => {
  assert.equal(compact("加V信 abc"), "加微信abc");
  assert.equal(compact("薇信:1 威信 徽信 vx wx号"), "微信1微信微信微信微信号");
  assert.equal(compact("wxyz"), "wxyz");
  assert.equal(compact("扣扣 加q 企鹅号 纸飞机 telegram"), "qq加qqqq号tgtg");
});

test("the plain form keeps punctuation, collapses whitespace and drops zero-width characters", () => {
  assert.equal(normalisePlain("  借款  \n\t1,000 元\u200b。 ").text, "借款 1,000 元。 ");
});

test("every normalised character maps back to the original text it came from", () => {
  const original = "请加 V 信：ab，剛性 兌付 𠀀字 …";
  const n = normaliseCompact(original);
  const at = n.text.indexOf("刚性兑付");
  const [from, to] = originalSpan(n, at, at + 4);
  assert.equal(original.slice(from, to), "剛性 兌付");
  const wechat = n.text.indexOf("微信");
  assert.equal(original.slice(...originalSpan(n, wechat, wechat + 2)), "V 信");
  const astral = n.text.indexOf("𠀀");
  assert.equal(original.slice(...originalSpan(n, astral, astral + 2)), "𠀀");
  const { plain } = normaliseBoth(original);
  const dots = plain.text.indexOf("...");
  assert.equal(original.slice(...originalSpan(plain, dots, dots + 3)), "…");
});
