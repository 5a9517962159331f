// YAML files whose errors name file and line. Config files are checked against a schema after
// parsing; `lineOf` lets the checker point at the offending key or value, and unknown keys at the
// key itself.
import fs from "node:fs";
import path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError } from "../errors.ts";

export type YamlPath = readonly (string | number)[];

export type LoadedYaml = {
  /** The file as given (relative paths stay relative, for messages). */
  file: string;
  data: unknown;
  /** 1-based line of the value at path (of the key, when keyName is given), or null. */
  lineOf(path: YamlPath, keyName?: string): number | null;
};

function lineAt(counter: LineCounter, offset: number | undefined): number | null {
  return offset === undefined ? null : counter.linePos(offset).line;
}

function makeLineOf(doc: Document, counter: LineCounter) {
  return (at: YamlPath, keyName?: string): number | null => {
    // Walk down as far as the path exists, so a missing field points at its parent.
    for (let depth = at.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(at.slice(0, depth), true);
      if (!node || typeof node !== "object") continue;
      if (keyName !== undefined && depth === at.length && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === keyName);
        if (pair && isScalar(pair.key)) return lineAt(counter, pair.key.range?.[0]);
      }
      const range = (node as { range?: [number, number, number] }).range;
      if (range) return lineAt(counter, range[0]);
    }
    return null;
  };
}

/** Parses YAML text; syntax errors and duplicate keys throw a ConfigError naming file:line:column. */
export function parseYaml(text: string, file: string): LoadedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = counter.linePos(problem.pos[0]);
    throw new ConfigError(
      `${file}:${pos.line}:${pos.col}: YAML syntax error: ${problem.message.split("\n")[0]}`,
      `${file} 第 ${pos.line} 行 YAML 格式错误`,
    );
  }
  return { file, data: doc.toJS({ maxAliasCount: 100 }), lineOf: makeLineOf(doc, counter) };
}

/** Reads and parses one YAML file. */
export function loadYamlFile(file: string): LoadedYaml {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(
      `${file}: cannot read: ${(error as Error).message}`,
      `无法读取配置文件 ${path.basename(file)}`,
    );
  }
  return parseYaml(text, file);
}
