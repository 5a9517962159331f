// Loading rule packs (config/rules/*.yaml): parse with line numbers, check against the schema,
// check what a schema cannot (file name = category, unique rule ids, regexes that compile,
// phrases that can match), freeze, and hash — findings are re-derived when the hash changes.
// Every error names file:line, the rule id and the field.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ZodIssue } from "zod";
import { ConfigError } from "../errors.ts";
import { type LoadedYaml, loadYamlFile, type YamlPath } from "./load-yaml.ts";
import { type RulePack, rulePackSchema } from "./rule-pack-schema.ts";

export type LoadedRulePack = Readonly<{ file: string; pack: RulePack }>;
export type LoadedRulePacks = Readonly<{ packs: readonly LoadedRulePack[]; hash: string }>;

function fieldName(at: YamlPath): string {
  return at.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function ruleIdAt(data: unknown, at: YamlPath): string | null {
  if (at[0] !== "rules" || typeof at[1] !== "number") return null;
  const rules = (data as { rules?: unknown })?.rules;
  const item = Array.isArray(rules) ? (rules[at[1]] as { id?: unknown } | undefined) : undefined;
  return typeof item?.id === "string" ? item.id : `#${at[1] + 1}`;
}

function configError(source: LoadedYaml, at: YamlPath, message: string, keyName?: string): ConfigError {
  const line = source.lineOf(at, keyName);
  const where = line === null ? source.file : `${source.file}:${line}`;
  const ruleId = ruleIdAt(source.data, at);
  const field = fieldName(keyName ? [...at, keyName] : at);
  const rulePart = ruleId ? ` rule "${ruleId}"` : "";
  return new ConfigError(
    `${where}:${rulePart} field "${field || "(file)"}": ${message}`,
    `规则包 ${path.basename(source.file)}${line === null ? "" : ` 第 ${line} 行`}${ruleId ? ` 规则 ${ruleId}` : ""} 字段 ${field} 有误：${message}`,
  );
}

function issueError(source: LoadedYaml, issue: ZodIssue): ConfigError {
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    return configError(source, issue.path, `unknown key "${key}"`, key);
  }
  if (issue.code === "invalid_union_discriminator") {
    return configError(source, issue.path, `unknown kind (expected ${issue.options.join(", ")})`);
  }
  return configError(source, issue.path, issue.message);
}

type Found = [string, YamlPath];

/**
 * Every string a pack holds under one of the given list keys, with its path (examples aside):
 * regexes and number-condition regexes for compile checks, phrases for the letter check.
 */
function* listed(
  value: unknown,
  keys: Record<string, (item: unknown) => unknown>,
  at: (string | number)[] = [],
): Generator<Found> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* listed(item, keys, [...at, i]);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const pick = keys[key];
      if (pick && Array.isArray(item)) {
        for (const [i, entry] of item.entries()) {
          const path = key === "numbers" ? [...at, key, i, "regex"] : [...at, key, i];
          yield [String(pick(entry)), path];
        }
      } else if (key !== "examples") yield* listed(item, keys, [...at, key]);
    }
  }
}

const regexSources = (pack: unknown) =>
  listed(pack, { regexes: (src) => src, numbers: (cond) => (cond as { regex: string }).regex });
const phraseLists = (pack: unknown) => listed(pack, { phrases: (phrase) => phrase });

function checkPack(source: LoadedYaml, pack: RulePack, seenIds: Map<string, string>): void {
  const stem = path.basename(source.file).replace(/\.ya?ml$/, "");
  if (pack.category !== stem) {
    throw configError(source, ["category"], `category "${pack.category}" must match the file name "${stem}"`);
  }
  for (const [i, rule] of pack.rules.entries()) {
    if (!rule.id.startsWith(`${pack.category}.`)) {
      throw configError(source, ["rules", i, "id"], `rule id must start with "${pack.category}."`);
    }
    const other = seenIds.get(rule.id);
    if (other) throw configError(source, ["rules", i, "id"], `duplicate rule id (also in ${other})`);
    seenIds.set(rule.id, source.file);
  }
  for (const [src, at] of regexSources(pack)) {
    let re: RegExp;
    try {
      re = new RegExp(src, "g");
    } catch (error) {
      throw configError(source, at, `invalid regular expression: ${(error as Error).message}`);
    }
    if (at.at(-1) === "regex" && new RegExp(`${re.source}|`).exec("")!.length < 2) {
      throw configError(source, at, "a number condition needs a capture group around the number");
    }
  }
  for (const [phrase, at] of phraseLists(pack)) {
    if (!/[\p{L}\p{N}]/u.test(phrase)) throw configError(source, at, "a phrase needs a letter or digit");
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** JSON with object keys sorted, so the hash does not depend on key order in the files. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Validates already-parsed pack sources (files or in-memory packs for tests and benches). */
export function validateRulePacks(sources: readonly LoadedYaml[]): LoadedRulePacks {
  const seenIds = new Map<string, string>();
  const packs: LoadedRulePack[] = [];
  for (const source of sources) {
    const parsed = rulePackSchema.safeParse(source.data);
    if (!parsed.success) throw issueError(source, parsed.error.issues[0]!);
    checkPack(source, parsed.data, seenIds);
    packs.push({ file: source.file, pack: parsed.data });
  }
  const hash = createHash("sha256")
    .update(canonicalJson(packs.map((p) => p.pack)))
    .digest("hex");
  return deepFreeze({ packs, hash });
}

/** Loads every *.yaml / *.yml file of a folder, in name order. */
export function loadRulePackFiles(dir: string): LoadedRulePacks {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  } catch (error) {
    throw new ConfigError(
      `rule pack folder ${dir}: ${(error as Error).message}`,
      `无法读取规则包目录 ${dir}`,
    );
  }
  if (names.length === 0) throw new ConfigError(`no rule packs (*.yaml) in ${dir}`, `${dir} 中没有规则包`);
  return validateRulePacks(names.sort().map((name) => loadYamlFile(path.join(dir, name))));
}
