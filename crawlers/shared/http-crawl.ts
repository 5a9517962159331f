// The HTTP crawl of one shard, on Crawlee's BasicCrawler: Crawlee keeps the concurrency, the
// timeouts and the retries over our in-memory frontier (frontier.ts, one per shard attempt, so a
// second run is never "already seen"); fetching goes through our Fetcher (host map, limits),
// politeness through HostGate and RobotsCache, and what a page means is the `onPage` callback of
// the sweep kind.
import {
  BasicCrawler,
  Configuration,
  log as crawleeLog,
  NonRetryableError,
  type RequestQueue,
} from "crawlee";
import { PageError } from "../../src/errors.ts";
import type { HostMap } from "../../src/page/host-map.ts";
import type { CrawlLimits, Politeness } from "./crawler-options.ts";
import { type ExchangeRecorder, type FetchedPage, Fetcher } from "./fetch.ts";
import { ShardFrontier } from "./frontier.ts";
import { HostGate } from "./host-gate.ts";
import { RobotsCache } from "./robots.ts";
import { canonicalUrl, VariantLimiter } from "./urls.ts";

crawleeLog.setLevel(crawleeLog.LEVELS.OFF);

export type CrawlSeed = { url: string; entityId?: number | null; siteRoot?: string };
export type Visit = {
  url: string;
  depth: number;
  siteRoot: string;
  entityId: number | null;
  fetched: FetchedPage;
};
/** What the sweep kind wants followed from a page: absolute URLs. */
export type VisitResult = { follow: string[] };
export type LinkScope = "same-site" | "any";

export type HttpCrawlOptions = {
  seeds: CrawlSeed[];
  limits: CrawlLimits;
  politeness: Politeness;
  hostMap: HostMap;
  userAgent: string;
  linkScope: LinkScope;
  /** When a link leads onto a new host, also queue that host's homepage (site checks run there). */
  homepageOfNewHosts?: boolean;
  /** Receives every HTTP exchange of the crawl (the sweep's WARC archive); null: none kept. */
  recorder?: ExchangeRecorder | null;
  onPage: (visit: Visit) => Promise<VisitResult>;
  onError: (url: string, kind: string, message: string, siteRoot: string) => void;
  onSkip?: (url: string, reason: "robots" | "limit" | "trap") => void;
};

type UserData = { depth: number; siteRoot: string; entityId: number | null };

export async function runHttpCrawl(o: HttpCrawlOptions): Promise<void> {
  const fetcher = new Fetcher(o.hostMap, o.userAgent, o.recorder ?? null);
  const gate = new HostGate(o.politeness.perHostConcurrency, o.politeness.perHostDelayMillis);
  const robots = new RobotsCache(fetcher, {
    ...o.limits,
    pageTimeoutSecs: Math.min(o.limits.pageTimeoutSecs, 10),
  });
  const variants = new VariantLimiter(o.limits.maxQueryVariantsPerPath);
  const pagesPerSite = new Map<string, number>();
  const sites = new Set<string>();
  const seen = new Set<string>(); // URLs already queued in this shard: page and site limits count each once
  const config = new Configuration({
    persistStorage: false,
    purgeOnStart: false,
    availableMemoryRatio: 0.5,
    // Crawlee reads the process tree's memory by spawning `ps` at every system-info tick (1 s by
    // default): a fork of this whole process each time. Every 5 s is enough to see memory grow.
    systemInfoIntervalMillis: 5000,
  });
  const frontier = new ShardFrontier();

  const admit = (url: string, data: UserData): boolean => {
    const host = new URL(url).host;
    if (!sites.has(host)) {
      if (sites.size >= o.limits.maxSites) return false;
      sites.add(host);
    }
    const n = pagesPerSite.get(data.siteRoot) ?? 0;
    if (n >= o.limits.maxPagesPerSite) {
      o.onSkip?.(url, "limit");
      return false;
    }
    if (!variants.admit(url)) {
      o.onSkip?.(url, "trap");
      return false;
    }
    pagesPerSite.set(data.siteRoot, n + 1);
    return true;
  };

  const initial = [];
  for (const seed of o.seeds) {
    const url = canonicalUrl(seed.url);
    if (!url) {
      o.onError(seed.url, "bad_url", `not a crawlable URL: ${seed.url}`, seed.url);
      continue;
    }
    const data: UserData = {
      depth: 0,
      siteRoot: seed.siteRoot ?? new URL(url).origin,
      entityId: seed.entityId ?? null,
    };
    if (!seen.has(url) && admit(url, data)) {
      seen.add(url);
      initial.push({ url, uniqueKey: url, userData: data });
    }
  }
  frontier.add(initial);

  const crawler = new BasicCrawler(
    {
      // Crawlee 3.15.3's option check does not list `requestManager` yet; an object passed as
      // `requestQueue` becomes the request manager just the same (BasicCrawler.initializeRequestManager).
      requestQueue: frontier as unknown as RequestQueue,
      useSessionPool: false,
      minConcurrency: Math.min(o.politeness.concurrency, 16),
      maxConcurrency: o.politeness.concurrency,
      maxRequestRetries: 1,
      requestHandlerTimeoutSecs: o.limits.pageTimeoutSecs * 2 + 10,
      statusMessageLoggingInterval: 86_400,
      // The shard's figures are ours (StatsCollector); Crawlee's need not be saved anywhere.
      statisticsOptions: { persistenceOptions: { enable: false } },
      autoscaledPoolOptions: { desiredConcurrency: o.politeness.concurrency, maybeRunIntervalSecs: 0.05 },
      requestHandler: async ({ request }) => {
        const data = request.userData as UserData;
        const url = request.url;
        const host = new URL(url).host;
        const fetched = await gate.run(host, async () => {
          if (o.politeness.obeyRobots && !(await robots.isAllowed(url))) return null;
          return fetcher.get(url, o.limits);
        });
        if (!fetched) {
          o.onSkip?.(url, "robots");
          return;
        }
        const result = await o.onPage({
          url,
          depth: data.depth,
          siteRoot: data.siteRoot,
          entityId: data.entityId,
          fetched,
        });
        if (data.depth >= o.limits.maxDepth) return;
        const next = [];
        for (const raw of result.follow) {
          const link = canonicalUrl(raw);
          if (!link) continue;
          const sameSite = new URL(link).host === host;
          if (o.linkScope === "same-site" && !sameSite) continue;
          const child: UserData = {
            depth: data.depth + 1,
            siteRoot: sameSite ? data.siteRoot : new URL(link).origin,
            entityId: sameSite ? data.entityId : null,
          };
          next.push({ url: link, uniqueKey: link, userData: child });
          if (!sameSite && o.homepageOfNewHosts) {
            const home = `${child.siteRoot}/`;
            next.push({ url: home, uniqueKey: home, userData: child });
          }
        }
        const admitted = next.filter((r) => !seen.has(r.uniqueKey) && admit(r.url, r.userData));
        for (const r of admitted) seen.add(r.uniqueKey);
        frontier.add(admitted);
      },
      errorHandler: async ({ request }, error) => {
        // PageErrors that a retry cannot fix are not retried.
        if (error instanceof PageError && !error.retryablePage) request.noRetry = true;
      },
      failedRequestHandler: async ({ request }, error) => {
        const data = request.userData as UserData;
        const kind =
          error instanceof PageError
            ? error.kind
            : error instanceof NonRetryableError
              ? "refused"
              : "handler_error";
        o.onError(request.url, kind, error.message, data.siteRoot);
      },
    },
    config,
  );
  await crawler.run();
}
