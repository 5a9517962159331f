// Crawl throughput on the loopback fixture web (synthetic shops, 3-5 pages each), measured in one
// run against two baselines on the same pages:
//   - a bare Crawlee CheerioCrawler with default settings that only fetches and parses;
//   - a plain fetch-and-cheerio loop (the practical ceiling);
// and redshield's `entities` sweep with every rule pack, register checks and finding records.
// Also: peak RSS for a small and a twice-as-large sweep (memory should stay flat), and
// browser-mode pages/s on a few sites.
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

async function redshieldSweep(n: number, mode: "http" | "browser", hostMap: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rs-bench-"));
  const db = await openDb(`file:${dir}/redshield.db`);
  const csv = path.join(dir, "register.csv");
  fs.writeFileSync(csv, registerCsv(syntheticRegisterRows(n)));
  await importRegister(db, csv, { actor: "bench" });
  const yaml = `sweeps:\n  entities: { kind: entities, shardSites: 200, screenshots: none, mode: ${mode}, politeness: { perHostDelayMillis: 0, concurrency: 64 } }\n`;
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
    findings,
    peakRssMb: peak / 1048576,
  };
}

export async function benchCrawl(): Promise<Record<string, number | string>> {
  const web = await startFixtureWeb({ syntheticSites: sites * 2, requestLogLimit: 0 });
  try {
    const urls = pageUrls(sites);
    await plainLoop(urls.slice(0, 200), web.hostMap); // warm up sockets and the JIT
    const crawlee = await bareCrawlee(urls, web.port);
    const plain = await plainLoop(urls, web.hostMap);
    const ours = await redshieldSweep(sites, "http", web.hostMap);
    const double = await redshieldSweep(sites * 2, "http", web.hostMap);
    const browser = await redshieldSweep(10, "browser", web.hostMap);
    return {
      "sites / pages": `${sites} / ${urls.length}`,
      "bare Crawlee CheerioCrawler pages/s": crawlee,
      "plain fetch+cheerio loop pages/s": plain,
      "redshield entities sweep pages/s (all packs)": ours.pagesPerSec,
      "redshield vs bare Crawlee (x)": ours.pagesPerSec / crawlee,
      "findings recorded": ours.findings,
      [`peak RSS MB, ${sites} sites`]: ours.peakRssMb,
      [`peak RSS MB, ${sites * 2} sites`]: double.peakRssMb,
      [`pages/s, ${sites * 2} sites`]: double.pagesPerSec,
      "browser mode pages/s (Chromium, 10 sites)": browser.pagesPerSec,
    };
  } finally {
    await web.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [k, v] of Object.entries(await benchCrawl()))
    console.log(`${k.padEnd(46)} ${typeof v === "number" ? v.toFixed(1) : v}`);
}
