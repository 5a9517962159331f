// Many hosts looked up at once: the same answers as findByHost, one query per few hundred hosts
// instead of one per host. A shard primes its register cache with the hosts it is about to crawl.
import { normaliseDomain } from "../identity/index.ts";
import {
  domainCandidates,
  type EntityRecord,
  entityInclude,
  mostSpecificFor,
  type RegisterDb,
  toEntityRecord,
  websitePresence,
} from "./entities.ts";

const hostsPerQuery = 300;

/**
 * For each host given, what findByHost(db, host) returns: the entities whose website domain is the
 * host or a parent of it, the most specific domain first. Keys are the hosts as given.
 */
export async function findByHosts(
  db: RegisterDb,
  hosts: readonly string[],
): Promise<Map<string, EntityRecord[]>> {
  const out = new Map<string, EntityRecord[]>();
  const normalised = new Map<string, string>();
  for (const host of new Set(hosts)) {
    const h = normaliseDomain(host);
    if (h.ok) normalised.set(host, h.domain);
    else out.set(host, []);
  }
  const pending = [...normalised];
  for (let i = 0; i < pending.length; i += hostsPerQuery) {
    const chunk = pending.slice(i, i + hostsPerQuery);
    const wanted = [...new Set(chunk.flatMap(([, h]) => domainCandidates(h)))];
    const rows = (
      await db.entity.findMany({
        where: { presences: { some: { kind: websitePresence, domain: { in: wanted } } } },
        include: entityInclude,
      })
    ).map(toEntityRecord);
    // Entities by each website domain they declare, to answer every host from the one result.
    const byDomain = new Map<string, EntityRecord[]>();
    for (const e of rows) {
      for (const p of e.presences) {
        if (p.kind !== websitePresence) continue;
        const list = byDomain.get(p.domain) ?? [];
        if (!list.includes(e)) list.push(e);
        byDomain.set(p.domain, list);
      }
    }
    for (const [host, h] of chunk) {
      const found = new Set<EntityRecord>();
      for (const c of domainCandidates(h)) for (const e of byDomain.get(c) ?? []) found.add(e);
      out.set(host, [...found].sort(mostSpecificFor(h)));
    }
  }
  return out;
}
