// URL hygiene for the frontier: canonical form, session ids stripped (a classic crawler trap),
// and a cap on query-string variants per path (endless calendars, faceted search).

const sessionParams =
  /^(sid|sessionid|session_id|jsessionid|phpsessid|aspsessionid|sessid|s|token|utm_[a-z]+)$/i;

/** Canonical URL for de-duplication: no fragment, no session ids, sorted query, lower-case host. */
export function canonicalUrl(raw: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  u.hash = "";
  u.pathname = u.pathname.replace(/;jsessionid=[^/?]*/i, "").replace(/;[a-z_]*sess[a-z_]*=[^/?]*/i, "");
  const kept = [...u.searchParams.entries()].filter(([k]) => !sessionParams.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : "";
  if ((u.protocol === "http:" && u.port === "80") || (u.protocol === "https:" && u.port === "443"))
    u.port = "";
  const s = u.toString();
  return s.length > 2000 ? null : s;
}

/** Counts query variants per host+path; refuses past a limit so a calendar cannot run forever. */
export class VariantLimiter {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxVariantsPerPath: number) {}

  admit(url: string): boolean {
    const u = new URL(url);
    if (!u.search) return true;
    const key = `${u.host}${u.pathname}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n <= this.maxVariantsPerPath;
  }
}
