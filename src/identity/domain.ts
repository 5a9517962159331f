// Domain normalisation: lower case, IDN to punycode, no scheme, port or path, "www." folded.
import { domainToASCII } from "node:url";

export type DomainResult = { ok: true; domain: string } | { ok: false; reason: string };

export function normaliseDomain(input: string): DomainResult {
  let s = input.normalize("NFKC").trim().toLowerCase();
  if (!s) return { ok: false, reason: "empty domain" };
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  s = s.replace(/[/?#].*$/, "");
  s = s.replace(/^[^@]*@/, "");
  s = s.replace(/:\d+$/, "");
  s = s.replace(/\.$/, "");
  const ascii = domainToASCII(s);
  if (!ascii) return { ok: false, reason: `"${input}" is not a valid domain name` };
  const folded = ascii.replace(/^www\./, "");
  const labels = folded.split(".");
  if (labels.length < 2 || labels.some((l) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) {
    return { ok: false, reason: `"${input}" is not a valid domain name` };
  }
  if (/^\d+$/.test(labels[labels.length - 1]!))
    return { ok: false, reason: `"${input}" is an IP address, not a domain` };
  return { ok: true, domain: folded };
}

/** Host of a URL in normalised form, or null. */
export function domainOfUrl(url: string): string | null {
  try {
    const r = normaliseDomain(new URL(url).hostname);
    return r.ok ? r.domain : null;
  } catch {
    return null;
  }
}

/** True if host equals domain or is a subdomain of it. */
export function hostBelongsTo(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
