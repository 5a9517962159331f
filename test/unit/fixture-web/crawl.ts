// A deliberately small crawler for checking the fixture web's manifest: decodes pages by header
// or <meta> charset, obeys robots.txt for "*", follows links and redirects breadth-first with a
// per-host page cap (so traps end), and keeps every page's text for marker checks.
import { type Fetched, fetchVia } from "./client.ts";

export function declaredCharset(f: Fetched): string {
  const header = /charset=([\w-]+)/i.exec(String(f.headers["content-type"] ?? ""));
  const meta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(f.body.subarray(0, 1024).toString("latin1"));
  const label = (header?.[1] ?? meta?.[1] ?? "utf-8").toLowerCase();
  return /^(gb2312|gbk|x-gbk|gb18030)$/.test(label) ? "gb18030" : label;
}

export function decodeBody(f: Fetched): string {
  return new TextDecoder(declaredCharset(f)).decode(f.body);
}

/** Visible text for marker checks: scripts and tags removed, separators stripped (domain.md §13). */
export function matchingText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, "")
    .replace(/<[^>]*>/g, "")
    .replace(/[\s\p{P}\p{S}\u200b-\u200d\u2060\ufeff]/gu, "");
}

export function linksOf(html: string, base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/href="([^"]*)"/g)) {
    try {
      const u = new URL(m[1]!.replace(/&amp;/g, "&"), base);
      if (u.protocol === "http:") out.push(u.href.replace(/#.*$/, ""));
    } catch {
      // a malformed href on the malformed page: skip it
    }
  }
  return out;
}

/** Disallow prefixes of the group for "*" (enough for the fixture's robots files). */
export function disallowedPrefixes(robots: string): string[] {
  const prefixes: string[] = [];
  let inStar = false;
  for (const raw of robots.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const [key, ...rest] = line.split(":");
    const value = rest.join(":").trim();
    if (/^user-agent$/i.test(key ?? "")) inStar = value === "*";
    else if (inStar && /^disallow$/i.test(key ?? "") && value) prefixes.push(value);
  }
  return prefixes;
}

export type CrawlResult = {
  /** URL → decoded HTML of every page answered 200 with text/html. */
  pages: Map<string, string>;
  /** Every URL linked from a fetched page or named by a redirect. */
  linked: Set<string>;
  fetched: Set<string>;
};

export async function crawl(
  port: number,
  seeds: readonly string[],
  maxPagesPerHost = 40,
): Promise<CrawlResult> {
  const robots = new Map<string, string[]>();
  const perHost = new Map<string, number>();
  const result: CrawlResult = { pages: new Map(), linked: new Set(), fetched: new Set() };
  const queue = [...seeds];
  const allowed = async (u: URL) => {
    if (!robots.has(u.host)) {
      const r = await fetchVia(port, `http://${u.host}/robots.txt`);
      robots.set(u.host, r.status === 200 ? disallowedPrefixes(r.body.toString()) : []);
    }
    return !robots.get(u.host)!.some((p) => u.pathname.startsWith(p));
  };
  while (queue.length > 0) {
    const url = queue.shift()!;
    const u = new URL(url);
    if (result.fetched.has(url) || (perHost.get(u.host) ?? 0) >= maxPagesPerHost || !(await allowed(u)))
      continue;
    perHost.set(u.host, (perHost.get(u.host) ?? 0) + 1);
    result.fetched.add(url);
    const f = await fetchVia(port, url, { timeoutMs: 5000 });
    const next: string[] = [];
    if (f.status >= 300 && f.status < 400 && f.headers.location)
      next.push(new URL(f.headers.location, url).href);
    if (f.status === 200 && f.complete && String(f.headers["content-type"]).startsWith("text/html")) {
      const html = decodeBody(f);
      result.pages.set(url, html);
      next.push(...linksOf(html, url));
    }
    for (const n of next) {
      result.linked.add(n);
      if (!result.fetched.has(n)) queue.push(n);
    }
  }
  return result;
}
