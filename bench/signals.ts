// Signals engine throughput: MB of page text (UTF-8 bytes of title, description, visible and
// hidden text, alt and link titles) analysed per second on one core, every rule pack loaded,
// normalisation included (extraction is not: the HTML parser is measured by the crawl bench).
// Then the same with ten times as many phrases, to show cost grows with the text, not the rules.
// Standalone: node --import tsx bench/signals.ts
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseYaml } from "../src/config/load-yaml.ts";
import type { ExtractedPage } from "../src/page/index.ts";
import { decodeBody, extractPage } from "../src/page/index.ts";
import { analyzePage, type RulePacks, rulePacksFromSources } from "../src/signals/index.ts";

const rulesDir = path.resolve("config/rules");
const corpusPages = path.resolve("test/corpus/pages");
const minSeconds = 2;

function packSources() {
  return fs
    .readdirSync(rulesDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => parseYaml(fs.readFileSync(path.join(rulesDir, name), "utf8"), path.join(rulesDir, name)));
}

/** Deterministic pseudo-random CJK phrases (2–6 characters) that do not occur in real text. */
function syntheticPhrases(count: number): string[] {
  let seed = 0x9e3779b9;
  const next = () => {
    // xorshift32: integer-only, so the sequence does not collapse as a float LCG would.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const phrases: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 2 + (next() % 5);
    let phrase = "";
    for (let k = 0; k < length; k++) phrase += String.fromCharCode(0x4e00 + (next() % 0x5000));
    phrases.push(phrase);
  }
  return phrases;
}

/** The real packs plus one extra rule holding (factor − 1) × as many synthetic phrases. */
function grownPacks(base: RulePacks, factor: number): RulePacks {
  const extra = syntheticPhrases(base.compiled.phrases.length * (factor - 1));
  const rule = {
    id: "counterfeit.bench_synthetic",
    severity: "low",
    basis: { law: "（基准测试）", article: "—" },
    trigger: extra,
    near: [{ windowChars: 20, phrases: extra.slice(0, 50) }],
    examples: { positive: ["—"], negative: ["—"] },
  };
  const source = parseYaml(
    JSON.stringify({ category: "counterfeit", title: "bench", rules: [rule] }),
    "bench/synthetic/counterfeit.yaml",
  );
  return rulePacksFromSources([...packSources(), source]);
}

function loadPages(): ExtractedPage[] {
  return fs
    .readdirSync(corpusPages)
    .sort()
    .map((name) => {
      const file = path.join(corpusPages, name);
      const { text } = decodeBody(fs.readFileSync(file), null);
      return extractPage(text, pathToFileURL(file).href);
    });
}

/** One large page: the corpus text repeated to about 1 MB (a long listing or forum thread). */
function largePage(pages: ExtractedPage[]): ExtractedPage {
  const chunk = pages.map((p) => p.visibleText).join("\n");
  const repeats = Math.ceil(1_000_000 / Buffer.byteLength(chunk));
  return { ...pages[0]!, visibleText: Array.from({ length: repeats }, () => chunk).join("\n") };
}

function textBytes(page: ExtractedPage): number {
  const parts = [
    page.title,
    page.metaDescription,
    page.metaKeywords,
    page.visibleText,
    page.hiddenText,
    ...page.altTexts,
  ];
  return (
    parts.reduce((sum, p) => sum + Buffer.byteLength(p), 0) +
    page.links.reduce((s, l) => s + Buffer.byteLength(l.title), 0)
  );
}

/** CPU seconds used by this process so far: on a shared machine, wall time would measure the neighbours. */
function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** MB per CPU second over the pages, repeated for minSeconds of CPU time (after a warm-up round). */
function throughput(pages: ExtractedPage[], packs: RulePacks): number {
  const bytes = pages.reduce((sum, p) => sum + textBytes(p), 0);
  for (const page of pages) analyzePage(page, packs);
  let rounds = 0;
  const started = cpuSeconds();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    for (const page of pages) analyzePage(page, packs);
    rounds++;
    elapsed = cpuSeconds() - started;
  }
  return (bytes * rounds) / 1e6 / elapsed;
}

export async function benchSignals(): Promise<Record<string, number | string>> {
  const packs = rulePacksFromSources(packSources());
  const grown = grownPacks(packs, 10);
  const pages = loadPages();
  const large = [largePage(pages)];
  const corpusRate = throughput(pages, packs);
  const corpusRateGrown = throughput(pages, grown);
  const largeRate = throughput(large, packs);
  const largeRateGrown = throughput(large, grown);
  return {
    "phrases (distinct, every pack + context)": packs.compiled.phrases.length,
    "automaton states": packs.compiled.automaton.stateCount,
    "corpus pages, MB/s": corpusRate,
    "1 MB page, MB/s": largeRate,
    "phrases x10": grown.compiled.phrases.length,
    "automaton states x10": grown.compiled.automaton.stateCount,
    "corpus pages, MB/s (phrases x10)": corpusRateGrown,
    "1 MB page, MB/s (phrases x10)": largeRateGrown,
    "change with x10 phrases (1 MB page)": `${(((largeRateGrown - largeRate) / largeRate) * 100).toFixed(1)}%`,
    target: "≥ 20 MB/s on one core",
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await benchSignals();
  for (const [name, value] of Object.entries(figures)) {
    console.log(
      `${name.padEnd(42)} ${typeof value === "number" ? (Number.isInteger(value) ? value : value.toFixed(1)) : value}`,
    );
  }
}
