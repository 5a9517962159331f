// Sweep kind `discover`: from seed URLs, seed lists and search-result pages, follow links onto
// other hosts to find online shops; a shop whose operator is not in the register becomes an
// `unregistered_entity` lead. Each newly reached host is judged on its own homepage.
import type { SweepCrawler } from "./shared/sweep-crawler.ts";

export function discoverCrawler(): SweepCrawler {
  return { kind: "discover", linkScope: "any", siteChecks: true, visitHomepageOfNewHosts: true };
}
