// The register's write side for imports: the batched reads an import plans with, and the one
// transaction that applies a plan (entities, their website presences and the audit rows together,
// so a failure leaves the database as it was). New rows go in through bulk.ts: 100,000 entities
// must import in seconds, not minutes.
import { auditMany } from "../audit/index.ts";
import type { Db, Prisma } from "../db/index.ts";
import { type Bulk, type BulkColumn, bulkFor, type RawDb, sql } from "./bulk.ts";
import { type EntityRecord, type PresenceRecord, toEntityRecord, websitePresence } from "./entities.ts";
import { type EntityUpdate, type EntityValues, type ImportPlan, newEntityValues } from "./plan.ts";
import type { RegisterRecord } from "./types.ts";

type WriteDb = RawDb & Pick<Prisma, "entity" | "presence" | "auditLog">;

/** Rows per progress report. */
const batchSize = 2000;
/** A 100,000-row import on a slow disk must not be cut short by Prisma's 5 s default. */
const transactionTimeoutMs = 30 * 60_000;

function* batches<T>(items: readonly T[], size = batchSize): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function dateOf(day: string | null): Date | null {
  return day === null ? null : new Date(`${day}T00:00:00Z`);
}

const text = (name: string): BulkColumn => ({ name, type: "text" });
const int = (name: string): BulkColumn => ({ name, type: "int" });
const timestamp = (name: string): BulkColumn => ({ name, type: "timestamp" });

const entityColumns = ["id", "uscc", "name", "kind", "status", "region", "address", "icp", "registeredOn"];
const presenceColumns = ["entityId", "kind", "domain", "url", "platform"];
const newEntityColumns = [
  ...["uscc", "name", "kind", "status", "region", "address", "icp"].map(text),
  { name: "registeredOn", type: "date" } as const,
];
type StoredEntity = Omit<EntityRecord, "domains" | "presences" | "registeredOn"> & {
  registeredOn: Date | null;
};
type StoredPresence = PresenceRecord & { entityId: number };

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

export type WriteContext = {
  provider: Db["provider"];
  actor: string;
  source: string;
  /** Called after each batch with the number of rows it wrote. */
  onWritten?: (rows: number) => void;
  /** Details of the import as a whole, recorded in one `registry.import` audit row. */
  summary: Record<string, unknown>;
};

function websiteRows(entityId: number, domains: readonly string[]): unknown[][] {
  return domains.map((domain) => [entityId, domain]);
}

async function insertWebsites(bulk: Bulk, rows: unknown[][]): Promise<void> {
  await bulk.insert("Presence", {
    columns: [int("entityId"), text("domain")],
    rows,
    shared: [{ column: text("kind"), value: websitePresence }],
  });
}

/**
 * One `entity.create` audit row per new entity, shaped as src/audit writes them (its auditMany
 * goes through createMany: too slow for 100,000 rows). The values are in the new row itself;
 * later updates record old and new values.
 */
async function auditCreated(
  bulk: Bulk,
  records: RegisterRecord[],
  ctx: WriteContext,
  at: Date,
): Promise<void> {
  await bulk.insert("AuditLog", {
    columns: [text("subjectId"), text("details")],
    rows: records.map((r) => [r.uscc, JSON.stringify({ source: ctx.source, line: r.line })]),
    shared: [
      { column: timestamp("at"), value: at },
      { column: text("actor"), value: ctx.actor },
      { column: text("action"), value: "entity.create" },
      { column: text("subjectType"), value: "entity" },
    ],
  });
}

async function createEntities(bulk: Bulk, plan: ImportPlan, ctx: WriteContext, now: Date): Promise<void> {
  for (const batch of batches(plan.creates)) {
    const rows = batch.map((r) => {
      const v = newEntityValues(r);
      return [v.uscc, v.name, v.kind, v.status, v.region, v.address, v.icp, v.registeredOn];
    });
    const created = await bulk.insert<{ id: number; uscc: string }>("Entity", {
      columns: newEntityColumns,
      rows,
      shared: [
        { column: timestamp("createdAt"), value: now },
        { column: timestamp("updatedAt"), value: now },
      ],
      returning: ["id", "uscc"],
    });
    const idOf = new Map(created.map((c) => [c.uscc, Number(c.id)]));
    await insertWebsites(
      bulk,
      batch.flatMap((r) => websiteRows(idOf.get(r.uscc)!, r.domains ?? [])),
    );
    await auditCreated(bulk, batch, ctx, now);
    ctx.onWritten?.(batch.length);
  }
}

function entityData(values: Partial<EntityValues>, now: Date) {
  const { registeredOn, ...rest } = values;
  return {
    ...rest,
    ...(registeredOn === undefined ? {} : { registeredOn: dateOf(registeredOn) }),
    updatedAt: now,
  };
}

async function updateEntity(tx: WriteDb, u: EntityUpdate, now: Date): Promise<void> {
  await tx.entity.update({ where: { id: u.existing.id }, data: entityData(u.values, now) });
  if (u.domainsToRemove.length > 0) {
    await tx.presence.deleteMany({
      where: { entityId: u.existing.id, kind: websitePresence, domain: { in: u.domainsToRemove } },
    });
  }
}

async function updateEntities(tx: WriteDb, plan: ImportPlan, ctx: WriteContext, now: Date): Promise<void> {
  const bulk = bulkFor(tx, ctx.provider);
  for (const batch of batches(plan.updates)) {
    for (const u of batch) await updateEntity(tx, u, now);
    await insertWebsites(
      bulk,
      batch.flatMap((u) => websiteRows(u.existing.id, u.domainsToAdd)),
    );
    const entries = batch.map((u) => ({
      actor: ctx.actor,
      action: "entity.update",
      subjectType: "entity",
      subjectId: u.record.uscc,
      details: { source: ctx.source, line: u.record.line, changes: u.changes },
    }));
    await auditMany(tx, entries);
    ctx.onWritten?.(batch.length);
  }
}

/** Applies the plan in one transaction: all of it or, on any error, none of it. */
export async function writePlan(db: Db, plan: ImportPlan, ctx: WriteContext): Promise<void> {
  const now = new Date();
  const summary = {
    actor: ctx.actor,
    action: "registry.import",
    subjectType: "register",
    subjectId: ctx.source,
  };
  await db.prisma.$transaction(
    async (tx) => {
      await createEntities(bulkFor(tx, ctx.provider), plan, ctx, now);
      await updateEntities(tx, plan, ctx, now);
      await auditMany(tx, [{ ...summary, details: ctx.summary }]);
    },
    { timeout: transactionTimeoutMs, maxWait: 60_000 },
  );
}
