// The shape of a sweep kind: how it reaches pages. What pages mean is the page pipeline's job.
import type { SweepKind } from "../../src/sweeps/config.ts";
import type { LinkScope } from "./http-crawl.ts";

export type SweepCrawler = {
  kind: SweepKind;
  /** Follow links within the site only, or onto any host. */
  linkScope: LinkScope;
  /** Run the register / e-label checks on each site's entry page. */
  siteChecks: boolean;
  /** When a link leads to a new host, also visit that host's homepage (where site checks run). */
  visitHomepageOfNewHosts?: boolean;
  /** Restricts the categories reported, whatever the sweep's packs say. */
  onlyCategories?: string[];
  /** Overrides the sweep's maxDepth. */
  maxDepth?: number;
};
