// Sweep kind `violations`: the bureau's special searches (P2P lending, cash loans, bank-card
// trading, 微盘 ...). Seeds and search templates come from the sweep; links are followed onto
// other hosts so result pages lead to the sites themselves; the sweep's packs decide what counts.
import type { SweepCrawler } from "./shared/sweep-crawler.ts";

export function violationsCrawler(): SweepCrawler {
  return { kind: "violations", linkScope: "any", siteChecks: true, visitHomepageOfNewHosts: true };
}
