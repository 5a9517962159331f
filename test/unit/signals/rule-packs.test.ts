// Loading rule packs: a malformed pack fails at load naming file:line, rule and field; packs are
// frozen; the hash ignores key order and changes when a rule changes.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { ConfigError } from "../../../src/errors.ts";
import { loadRulePacks } from "../../../src/signals/index.ts";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const minimal = `category: counterfeit
title: 假冒商品
rules:
  - id: counterfeit.replica
    severity: high
    basis:
      law: 《中华人民共和国商标法》
      article: 第五十七条
    trigger: [高仿, 超A]
    examples:
      positive: [高仿包包]
      negative: [正品包包]
`;

function packDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rule-packs-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function loadError(files: Record<string, string>): string {
  try {
    loadRulePacks(packDir(files));
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail("the pack loaded");
}

test("the minimal pack of config/rules/README.md loads", () => {
  const packs = loadRulePacks(packDir({ "counterfeit.yaml": minimal }));
  assert.deepEqual(packs.categories, ["counterfeit"]);
  assert.equal(packs.packs[0]!.pack.rules[0]!.id, "counterfeit.replica");
});

test("an unknown key names file:line, the rule and the key", () => {
  const message = loadError({
    "counterfeit.yaml": minimal.replace("    severity: high", "    severity: high\n    severty: low"),
  });
  assert.match(
    message,
    /counterfeit\.yaml:6: rule "counterfeit\.replica" field "rules\[0\]\.severty": unknown key "severty"/,
  );
});

test("a wrong value names the field and its line", () => {
  const message = loadError({ "counterfeit.yaml": minimal.replace("severity: high", "severity: urgent") });
  assert.match(message, /counterfeit\.yaml:5: rule "counterfeit\.replica" field "rules\[0\]\.severity"/);
  const missing = loadError({ "counterfeit.yaml": minimal.replace("      article: 第五十七条\n", "") });
  assert.match(
    missing,
    /counterfeit\.yaml:\d+: rule "counterfeit\.replica" field "rules\[0\]\.basis\.article": Required/,
  );
});

test("a regex that does not compile is refused with its field", () => {
  const message = loadError({
    "counterfeit.yaml": minimal.replace(
      "    trigger: [高仿, 超A]",
      '    trigger:\n      regexes: ["1:1(复刻"]',
    ),
  });
  assert.match(message, /field "rules\[0\]\.trigger\.regexes\[0\]": invalid regular expression/);
});

test("file name and category must agree; rule ids are unique and prefixed by the category", () => {
  assert.match(
    loadError({ "fakes.yaml": minimal }),
    /fakes\.yaml:1: field "category": category "counterfeit" must match/,
  );
  assert.match(
    loadError({ "counterfeit.yaml": minimal.replace("id: counterfeit.replica", "id: fakes.replica") }),
    /field "rules\[0\]\.id": rule id must start with "counterfeit\."/,
  );
  const twice = minimal.replace("rules:\n", `rules:\n${minimal.split("rules:\n")[1]}`);
  assert.match(
    loadError({ "counterfeit.yaml": twice }),
    /rule "counterfeit\.replica" field "rules\[1\]\.id": duplicate rule id/,
  );
});

test("YAML syntax errors and duplicate keys name the line", () => {
  assert.match(
    loadError({ "counterfeit.yaml": minimal.replace("title: 假冒商品", "title: [假冒商品") }),
    /counterfeit\.yaml:\d+:\d+: YAML syntax error/,
  );
  assert.match(
    loadError({ "counterfeit.yaml": minimal.replace("title: 假冒商品", "title: 假冒商品\ntitle: 又一个") }),
    /counterfeit\.yaml:3:\d+: YAML syntax error/,
  );
});

test("loaded packs are frozen", () => {
  const packs = loadRulePacks(packDir({ "counterfeit.yaml": minimal }));
  const rule = packs.packs[0]!.pack.rules[0]!;
  assert.throws(() => {
    (rule as { severity: string }).severity = "low";
  }, TypeError);
});

test("the hash ignores key order and comments, and changes when a phrase is added", () => {
  const hash = (text: string) => loadRulePacks(packDir({ "counterfeit.yaml": text })).hash;
  const base = hash(minimal);
  const reordered = minimal
    .replace("    severity: high\n", "")
    .replace("    trigger:", "    severity: high\n    trigger:");
  assert.equal(hash(`# a comment\n${reordered}`), base);
  assert.notEqual(hash(minimal.replace("[高仿, 超A]", "[高仿, 超A, 精仿]")), base);
});
