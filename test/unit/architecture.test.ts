// Dependencies point one way (STYLE.md "Dependency direction"). This scans import lines and fails
// on any arrow that points up.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : files(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

type Edge = { from: string; to: string };
function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of [...files("src"), ...files("crawlers")]) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      out.push({ from: file, to: path.normalize(path.join(path.dirname(file), m[1]!)) });
    }
  }
  return out;
}

const area = (p: string) => (p.startsWith("crawlers") ? "crawlers" : (p.split(path.sep)[1] ?? ""));

test("only src/worker and src/cli import crawlers/, and only through crawlers/index.ts", () => {
  const bad = edges().filter((e) => e.to.startsWith("crawlers") && !e.from.startsWith("crawlers"));
  const offenders = bad.filter(
    (e) => !["worker", "cli"].includes(area(e.from)) || e.to !== path.join("crawlers", "index.ts"),
  );
  assert.deepEqual(offenders, []);
});

test("nothing imports the CLI, and core modules never import the web UI or the worker", () => {
  const core = new Set([
    "findings",
    "registry",
    "labels",
    "evidence",
    "sweeps",
    "export",
    "checks",
    "audit",
    "db",
    "signals",
    "page",
    "identity",
    "config",
    "users",
  ]);
  const offenders = edges().filter((e) => {
    const to = area(e.to);
    if (to === "cli" && area(e.from) !== "cli") return true;
    return core.has(area(e.from)) && ["review", "worker", "cli"].includes(to) && !e.to.startsWith("crawlers");
  });
  assert.deepEqual(offenders, []);
});

test("pure modules (signals, identity, checks) do no database access", () => {
  const offenders = edges().filter(
    (e) =>
      ["signals", "identity", "checks"].includes(area(e.from)) &&
      ["db", "registry", "findings"].includes(area(e.to)) &&
      !e.to.endsWith(path.join("findings", "index.ts")),
  );
  assert.deepEqual(offenders, []);
});
