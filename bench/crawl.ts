// Crawl throughput on the loopback fixture web (synthetic shops, 3-5 pages each), measured in one
// run against two baselines on the same pages:
//   - a bare Crawlee CheerioCrawler with default settings that only fetches and parses;
//   - a plain fetch-and-cheerio loop (the practical ceiling);
// and redshield's `entities` sweep with every rule pack, register checks and finding records.
// Also: the peak RSS of a sweep of N and of 4N sites (BENCH_MEMORY_SITES, default 1,000: the
// heap needs a few thousand pages to reach its steady size), each in a process of its own so
// neither figure carries the other's or the baselines' high-water mark, with the live heap after
// a full GC at the end (memory should stay flat in the number of pages), and
// browser-mode pages/s on a few sites (with its failed pages, so a browser that cannot start
// does not look fast).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";
import { CheerioCrawler, Configuration, log as crawleeLog, ProxyConfiguration } from "crawlee";
import { Fetcher } from "../crawlers/shared/fetch.ts";
import { openDb } from "../src/db/index.ts";
import { parseHostMap } from "../src/page/host-map.ts";
import { importRegister } from "../src/registry/index.ts";
import { registerCsv } from "../test/fixtures/web/manifest.ts";
import { syntheticHost, syntheticPaths, syntheticRegisterRows } from "../test/fixtures/web/synthetic.ts";
import { sweepNow, testConfigDir, testEnv } from "../test/helpers/sweep-harness.ts";
import { startFixtureWeb } from "../test/helpers/site-server.ts";

crawleeLog.setLevel(crawleeLog.LEVELS.OFF);
const sites = Number(process.env.BENCH_SITES ?? 400);
const memorySites = Number(process.env.BENCH_MEMORY_SITES ?? 1000);

function pageUrls(n: number): string[] {
  return Array.from({ length: n }, (_, k) =>
    syntheticPaths(k + 1).map((p) => `http://${syntheticHost(k + 1)}${p}`),
  ).flat();
}

async function bareCrawlee(urls: string[], port: number): Promise<number> {
  // Crawlee's HTTP client cannot take a host map; the fixture server is its proxy instead, which
  // reaches the same pages by the same host names.
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  let pages = 0;
  const crawler = new CheerioCrawler(
    {
      proxyConfiguration: new ProxyConfiguration({ proxyUrls: [`http://127.0.0.1:${port}`] }),
      requestHandler: async ({ $ }) => {
        $("a").length;
        pages++;
      },
    },
    config,
  );
  const t = performance.now();
  await crawler.run(urls);
  return pages / ((performance.now() - t) / 1000);
}

async function plainLoop(urls: string[], hostMap: string): Promise<number> {
  const fetcher = new Fetcher(parseHostMap(hostMap), "bench");
  let next = 0;
  let pages = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const page = await fetcher.get(url, {
          pageTimeoutSecs: 20,
          maxBodyBytes: 5_000_000,
          maxRedirects: 3,
        });
        cheerio.load(page.body.toString("utf8"))("a").length;
        pages++;
      }
    }),
  );
  return pages / ((performance.now() - t) / 1000);
}

export async function redshieldSweep(n: number, mode: "http" | "browser", hostMap: string, warc = false) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rs-bench-"));
  const db = await openDb(`file:${dir}/redshield.db`);
  const csv = path.join(dir, "register.csv");
  fs.writeFileSync(csv, registerCsv(syntheticRegisterRows(n)));
  await importRegister(db, csv, { actor: "bench" });
  const yaml = `sweeps:\n  entities: { kind: entities, shardSites: 200, screenshots: none, mode: ${mode}, warc: ${warc}, politeness: { perHostDelayMillis: 0, concurrency: 64 } }\n`;
  const env = testEnv(db, dir, testConfigDir(dir, yaml), hostMap);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t = performance.now();
  const run = await sweepNow(db, env, "entities");
  const secs = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const findings = await db.prisma.finding.count();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    pagesPerSec: run.pagesFetched / secs,
    pages: run.pagesFetched,
    failed: run.pagesFailed,
    findings,
    peakRssMb: peak / 1048576,
  };
}

type ChildSweep = {
  pagesPerSec: number;
  pages: number;
  findings: number;
  maxRssMb: number;
  liveHeapMb: number;
};

/** The sweep in a fresh process against this process's fixture web; its peak RSS from the kernel. */
function sweepInChild(n: number, hostMap: string): Promise<ChildSweep> {
  const args = [
    "--expose-gc",
    "--import",
    "tsx",
    fileURLToPath(import.meta.url),
    "--sweep-child",
    String(n),
    hostMap,
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
      if (error || !line) reject(error ?? new Error(`no result from the sweep child: ${stdout}`));
      else resolve(JSON.parse(line.slice("RESULT ".length)) as ChildSweep);
    });
  });
}

export async function benchCrawl(): Promise<Record<string, number | string>> {
  const web = await startFixtureWeb({
    syntheticSites: Math.max(sites, memorySites * 4),
    requestLogLimit: 0,
  });
  try {
    const urls = pageUrls(sites);
    await plainLoop(urls.slice(0, 200), web.hostMap); // warm up sockets and the JIT
    const crawlee = await bareCrawlee(urls, web.port);
    const plain = await plainLoop(urls, web.hostMap);
    const ours = await redshieldSweep(sites, "http", web.hostMap);
    const small = await sweepInChild(memorySites, web.hostMap);
    const large = await sweepInChild(memorySites * 4, web.hostMap);
    const archived = await redshieldSweep(sites, "http", web.hostMap, true);
    const browser = await redshieldSweep(10, "browser", web.hostMap);
    return {
      "sites / pages": `${sites} / ${urls.length}`,
      "bare Crawlee CheerioCrawler pages/s": crawlee,
      "plain fetch+cheerio loop pages/s": plain,
      "redshield entities sweep pages/s (all packs)": ours.pagesPerSec,
      "redshield vs bare Crawlee (x)": ours.pagesPerSec / crawlee,
      "findings recorded": ours.findings,
      "with a WARC archive of every exchange, pages/s": archived.pagesPerSec,
      "peak RSS MB, whole bench process": ours.peakRssMb,
      [`peak RSS MB, ${memorySites} sites, own process`]: small.maxRssMb,
      [`peak RSS MB, ${memorySites * 4} sites, own process`]: large.maxRssMb,
      [`live heap MB after GC, ${memorySites} sites`]: small.liveHeapMb,
      [`live heap MB after GC, ${memorySites * 4} sites`]: large.liveHeapMb,
      [`pages/s, ${memorySites * 4} sites, own process`]: large.pagesPerSec,
      "browser mode pages/s (Chromium, 10 sites)": browser.pagesPerSec,
      "browser mode pages failed": browser.failed,
    };
  } finally {
    await web.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "--sweep-child") {
  const r = await redshieldSweep(Number(process.argv[3]), "http", process.argv[4]!);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeapMb = process.memoryUsage().heapUsed / 1048576;
  console.log(`RESULT ${JSON.stringify({ ...r, maxRssMb, liveHeapMb })}`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [k, v] of Object.entries(await benchCrawl()))
    console.log(`${k.padEnd(46)} ${typeof v === "number" ? v.toFixed(1) : v}`);
}
