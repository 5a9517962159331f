// Sweep kind `label-check`: the homepages of Red Shield e-label holders, checked for the badge
// (present, linked to the bureau's verification page, right serial and domain). No link following.
import type { SweepCrawler } from "./shared/sweep-crawler.ts";

export function labelCheckCrawler(): SweepCrawler {
  return {
    kind: "label-check",
    linkScope: "same-site",
    siteChecks: true,
    onlyCategories: ["red_shield"],
    maxDepth: 0,
  };
}
