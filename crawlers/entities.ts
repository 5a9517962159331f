// Sweep kind `entities`: the websites of registered entities. Each site is crawled from its
// homepage within its own host; the homepage gets the register checks (identity, licence display,
// e-label badge) and every page the signal rule packs.
import type { SweepCrawler } from "./shared/sweep-crawler.ts";

export function entitiesCrawler(): SweepCrawler {
  return { kind: "entities", linkScope: "same-site", siteChecks: true };
}
