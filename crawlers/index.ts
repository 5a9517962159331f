// The only list of sweep kinds. src/worker and the CLI reach crawlers through this file.
import type { SweepKind } from "../src/sweeps/config.ts";
import { discoverCrawler } from "./discover.ts";
import { entitiesCrawler } from "./entities.ts";
import { labelCheckCrawler } from "./label-check.ts";
import type { SweepCrawler } from "./shared/sweep-crawler.ts";
import { violationsCrawler } from "./violations.ts";

export const crawlerKinds: Readonly<Record<SweepKind, () => SweepCrawler>> = Object.freeze({
  entities: entitiesCrawler,
  discover: discoverCrawler,
  violations: violationsCrawler,
  "label-check": labelCheckCrawler,
});

export { type AnalysisPool, openAnalysisPool } from "./shared/analysis-pool.ts";
export { type ShardContext, crawlShard } from "./shared/crawl-shard.ts";
export type { SweepCrawler } from "./shared/sweep-crawler.ts";
