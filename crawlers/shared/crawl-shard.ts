// Crawls one shard for a sweep: the HTTP crawl first; pages that evidently need scripts (mode
// auto) or every page (mode browser) are rendered in Chromium; pages with findings get a
// screenshot. Everything a page means is decided in page-pipeline.ts. A sweep with `warc: true`
// also archives the whole crawl of the shard in a WARC file (warc.ts).
import path from "node:path";
import type { Prisma } from "../../src/db/index.ts";
import type { EvidenceStore } from "../../src/evidence/index.ts";
import { domainOfUrl } from "../../src/identity/index.ts";
import { parseHostMap } from "../../src/page/host-map.ts";
import type { SweepDefinition } from "../../src/sweeps/config.ts";
import type { ShardTarget } from "../../src/sweeps/runs.ts";
import type { StatsCollector } from "../../src/sweeps/stats.ts";
import type { AnalysisPool } from "./analysis-pool.ts";
import { type BrowserSession, openBrowserSession } from "./browser-session.ts";
import { userAgentFor } from "./crawler-options.ts";
import { FindingWriter } from "./finding-writer.ts";
import { runHttpCrawl, type Visit } from "./http-crawl.ts";
import { type PipelineDeps, processVisit } from "./page-pipeline.ts";
import { RegisterLookup } from "./register-lookup.ts";
import type { SweepCrawler } from "./sweep-crawler.ts";
import { WarcWriter } from "./warc.ts";

export type ShardContext = {
  prisma: Prisma;
  store: EvidenceStore;
  analysis: AnalysisPool;
  crawler: SweepCrawler;
  def: SweepDefinition;
  run: { id: number; sweep: string; rulesHash: string; configHash: string; obeyRobots: boolean };
  targets: ShardTarget[];
  /** The shard's number in its run and which attempt this is (names its WARC file). */
  shard: { seq: number; attempt: number };
  stats: StatsCollector;
  env: { hostMap: string; publicUrl: string; bureauName: string };
  version: string;
};

export async function crawlShard(ctx: ShardContext): Promise<void> {
  const hostMap = parseHostMap(ctx.env.hostMap);
  const userAgent =
    ctx.def.politeness.userAgent ?? userAgentFor(ctx.env.bureauName, ctx.env.publicUrl, ctx.version);
  // One browser per shard, launched by the first page that needs it. The promise is kept, not
  // the session: concurrent pages must share one launch, not start a browser each.
  let browser: Promise<BrowserSession> | null = null;
  const getBrowser = () => {
    browser ??= openBrowserSession({ hostMap, userAgent, pageTimeoutSecs: ctx.def.limits.pageTimeoutSecs });
    return browser;
  };
  const allowed = ctx.crawler.onlyCategories ?? (ctx.def.packs === "all" ? null : ctx.def.packs);
  // Every page asks the register about its domain: the shard's own sites are answered in a few
  // queries here rather than one or more per site while crawling.
  const lookup = new RegisterLookup(ctx.prisma);
  await lookup.prime(ctx.targets.map((t) => domainOfUrl(t.url)).filter((d): d is string => d !== null));
  const writer = new FindingWriter(ctx.prisma, ctx.store);
  const warc = ctx.def.warc ? await openWarc(ctx, userAgent) : null;
  const deps: PipelineDeps = {
    writer,
    analysis: ctx.analysis,
    lookup,
    stats: ctx.stats,
    publicUrl: ctx.env.publicUrl,
    run: ctx.run,
    categories: allowed ? new Set(allowed) : null,
    siteChecks: ctx.crawler.siteChecks,
    mode: "http",
    version: ctx.version,
    screenshotter:
      ctx.def.screenshots === "findings"
        ? {
            shoot: async (url, archiveId) => {
              const png = await (await getBrowser()).screenshot(url);
              if (png && warc) await warc.conversion({ url, archiveId }, "screenshot", "image/png", png);
              return png;
            },
          }
        : null,
  };
  const render = async (visit: Visit) => {
    const url = visit.fetched.finalUrl;
    const html = await (await getBrowser()).render(url).catch((error: Error) => {
      ctx.stats.error(visit.url, "render_failed", error.message);
      return null;
    });
    if (html !== null && warc) {
      const page = { url, archiveId: visit.fetched.archiveId };
      await warc.conversion(page, "rendered-html", "text/html; charset=utf-8", Buffer.from(html, "utf8"));
    }
    return html === null
      ? { follow: [], needsBrowser: false }
      : processVisit({ ...deps, mode: "browser" }, visit, html);
  };
  try {
    await runHttpCrawl({
      seeds: ctx.targets.map((t) => ({ url: t.url, entityId: t.entityId ?? null })),
      limits: { ...ctx.def.limits, maxDepth: ctx.crawler.maxDepth ?? ctx.def.limits.maxDepth },
      politeness: { ...ctx.def.politeness, obeyRobots: ctx.run.obeyRobots },
      hostMap,
      userAgent,
      linkScope: ctx.crawler.linkScope,
      homepageOfNewHosts: ctx.crawler.visitHomepageOfNewHosts ?? false,
      recorder: warc?.record ?? null,
      onPage: async (visit) => {
        ctx.stats.pagesFetched++;
        if (ctx.def.mode === "browser" && visit.fetched.status < 400) return render(visit);
        const result = await processVisit(deps, visit);
        if (!result.needsBrowser || ctx.def.mode !== "auto") return result;
        const rendered = await render(visit); // scripts build this page: the rendered DOM is what visitors see
        return { follow: [...result.follow, ...rendered.follow] };
      },
      onError: (url, kind, message) => ctx.stats.error(url, kind, message),
      onSkip: (_url, reason) => ctx.stats.skip(reason),
    });
    await writer.close();
    await warc?.close();
  } finally {
    await writer.close().catch(() => {}); // a failed crawl still settles its writes before it returns
    await warc?.abort(); // not closed: the shard failed, its archive stays a .part file
    if (browser) await (await (browser as Promise<BrowserSession>).catch(() => null))?.close();
  }
}

async function openWarc(ctx: ShardContext, userAgent: string): Promise<WarcWriter> {
  return WarcWriter.open(path.join(ctx.store.dir, "warc", `run-${ctx.run.id}`), {
    version: ctx.version,
    sweep: ctx.run.sweep,
    sweepMode: ctx.def.mode,
    configHash: ctx.run.configHash,
    rulesHash: ctx.run.rulesHash,
    runId: ctx.run.id,
    shardSeq: ctx.shard.seq,
    attempt: ctx.shard.attempt,
    userAgent,
    obeyRobots: ctx.run.obeyRobots,
    operator: ctx.env.bureauName,
  });
}
