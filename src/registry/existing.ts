// What the register already holds for the rows of an import, read in bulk (one statement per
// 5,000 keys): the stored entities with their presences, and who holds the file's domains.
import { type Bulk, int, sql, text } from "./bulk.ts";
import { type EntityRecord, type PresenceRecord, toEntityRecord, websitePresence } from "./entities.ts";

const entityColumns = ["id", "uscc", "name", "kind", "status", "region", "address", "icp", "registeredOn"];
const presenceColumns = ["id", "entityId", "kind", "domain", "url", "platform"];
type StoredEntity = Omit<EntityRecord, "domains" | "presences" | "registeredOn"> & {
  registeredOn: Date | null;
};
export type StoredPresence = PresenceRecord & { id: number; entityId: number };

/** The stored entities with these USCCs, keyed by USCC. */
export async function loadByUscc(bulk: Bulk, usccs: readonly string[]): Promise<Map<string, EntityRecord>> {
  const columns = [...entityColumns, "createdAt", "updatedAt"];
  const entities = await bulk.selectIn<StoredEntity>("Entity", columns, text("uscc"), usccs);
  const ids = entities.map((e) => e.id);
  const presences = await bulk.selectIn<StoredPresence>("Presence", presenceColumns, int("entityId"), ids);
  const byEntity = new Map<number, PresenceRecord[]>();
  for (const p of presences.sort((a, b) => (a.domain < b.domain ? -1 : 1))) {
    const list = byEntity.get(p.entityId) ?? [];
    list.push(p);
    byEntity.set(p.entityId, list);
  }
  return new Map(
    entities.map((e) => [e.uscc, toEntityRecord({ ...e, presences: byEntity.get(e.id) ?? [] })]),
  );
}

export type DomainHolder = { domain: string; uscc: string; name: string };

/** Which stored entities hold these domains as websites. */
export async function websiteHolders(bulk: Bulk, domains: readonly string[]): Promise<DomainHolder[]> {
  const isWebsite = sql`"kind" = ${websitePresence}`;
  const held = await bulk.selectIn<StoredPresence>(
    "Presence",
    presenceColumns,
    text("domain"),
    domains,
    isWebsite,
  );
  const ids = [...new Set(held.map((p) => p.entityId))];
  const owners = await bulk.selectIn<StoredEntity>("Entity", ["id", "uscc", "name"], int("id"), ids);
  const ownerOf = new Map(owners.map((o) => [o.id, o]));
  return held.map((p) => ({
    domain: p.domain,
    uscc: ownerOf.get(p.entityId)!.uscc,
    name: ownerOf.get(p.entityId)!.name,
  }));
}

/** The website presences of these entities, with their row ids. */
export async function websitesOf(bulk: Bulk, entityIds: readonly number[]): Promise<StoredPresence[]> {
  const isWebsite = sql`"kind" = ${websitePresence}`;
  return bulk.selectIn<StoredPresence>("Presence", presenceColumns, int("entityId"), entityIds, isWebsite);
}
