// `npm run bench`: every benchmark, each printing its figures next to a baseline measured in the
// same run on the same machine. Pass names to run only some: npm run bench -- crawl signals
// Figures are also written to bench/results/latest.json (not committed).
import fs from "node:fs";
import path from "node:path";

type Bench = {
  name: string;
  about: string;
  load: () => Promise<() => Promise<Record<string, number | string>>>;
};

const benches: Bench[] = [
  {
    name: "signals",
    about: "analysis throughput (MB/s of page text), every pack loaded",
    load: async () => (await import("./signals.ts")).benchSignals,
  },
  {
    name: "import",
    about: "register import, 100,000 entities, SQLite and PostgreSQL",
    load: async () => (await import("./import.ts")).benchImport,
  },
  {
    name: "review",
    about: "findings list p50/p95, 200,000 findings on SQLite and 1,000,000 on PostgreSQL",
    load: async () => (await import("./review.ts")).benchReview,
  },
  {
    name: "crawl",
    about: "entities sweep pages/s vs bare Crawlee CheerioCrawler and a plain fetch+cheerio loop",
    load: async () => (await import("./crawl.ts")).benchCrawl,
  },
  {
    name: "scale",
    about: "PostgreSQL shard queue: 1 vs 2 worker processes, queue overhead, 1,000 to 10,000 sites",
    load: async () => (await import("./scale.ts")).benchScale,
  },
];

const wanted = process.argv.slice(2);
const results: Record<string, Record<string, number | string>> = {};
for (const b of benches) {
  if (wanted.length && !wanted.includes(b.name)) continue;
  process.stdout.write(`\n## ${b.name}: ${b.about}\n`);
  const started = Date.now();
  const run = await b.load();
  const figures = await run();
  results[b.name] = figures;
  for (const [k, v] of Object.entries(figures))
    process.stdout.write(`  ${k.padEnd(44)} ${typeof v === "number" ? formatNumber(v) : v}\n`);
  process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync(
  path.join("bench/results", "latest.json"),
  `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
);

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 3 : 1);
}
