// robots.txt per host, fetched once per crawl through the same fetcher (host map, limits).
// RFC 9309: 4xx means no restrictions; 5xx or unreachable means assume everything disallowed.
import { RobotsTxtFile } from "crawlee";
import type { Fetcher, FetchLimits } from "./fetch.ts";

export const robotsAgentToken = "redshield";
type Verdict = { allowAll: true } | { allowAll: false; robots: RobotsTxtFile | null };

export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<Verdict>>();
  constructor(
    private readonly fetcher: Fetcher,
    private readonly limits: FetchLimits,
  ) {}

  async isAllowed(url: string): Promise<boolean> {
    const origin = new URL(url).origin;
    let verdict = this.byOrigin.get(origin);
    if (!verdict) {
      verdict = this.load(origin);
      this.byOrigin.set(origin, verdict);
    }
    const v = await verdict;
    if (v.allowAll) return true;
    return v.robots ? v.robots.isAllowed(url, robotsAgentToken) : false;
  }

  private async load(origin: string): Promise<Verdict> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await this.fetcher.get(robotsUrl, { ...this.limits, maxBodyBytes: 512 * 1024 });
      if (res.status >= 400 && res.status < 500) return { allowAll: true };
      if (res.status >= 500) return { allowAll: false, robots: null };
      return { allowAll: false, robots: RobotsTxtFile.from(robotsUrl, res.body.toString("utf8")) };
    } catch {
      return { allowAll: false, robots: null };
    }
  }
}
