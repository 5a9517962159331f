// Applies an import plan inside one transaction (inRegisterTransaction): new entities, changed
// entities, their website presences and the audit rows together, so any failure leaves the
// database as it was. Every step is a bulk statement per few thousand rows (bulk.ts): 100,000 new
// or changed entities must take seconds, not minutes.
import { auditMany } from "../audit/index.ts";
import type { Db, Prisma } from "../db/index.ts";
import { type Bulk, bulkFor, date, int, text, timestamp } from "./bulk.ts";
import { websitePresence } from "./entities.ts";
import { websitesOf } from "./existing.ts";
import {
  type EntityUpdate,
  type EntityValues,
  entityFields,
  type ImportPlan,
  newEntityValues,
} from "./plan.ts";

/** Rows per batch: a progress report after each. */
const batchSize = 2000;
/** A 100,000-row import on a busy machine must not be cut short by Prisma's 5 s default. */
const transactionTimeoutMs = 30 * 60_000;

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += batchSize) yield items.slice(i, i + batchSize);
}

export type WriteContext = {
  actor: string;
  /** The file's name, recorded with each audit row. */
  source: string;
  /** Called after each batch with the number of rows it wrote. */
  onWritten?: (rows: number) => void;
  /** Details of the import as a whole, recorded in one `registry.import` audit row. */
  summary: Record<string, unknown>;
};

type Step = { bulk: Bulk; ctx: WriteContext; now: Date };

/** The columns an import sets, and one entity's values in the same order. */
const valueColumns = entityFields.map((f) => (f === "registeredOn" ? date(f) : text(f)));
const entityValueRow = (v: EntityValues): unknown[] => entityFields.map((f) => v[f]);

async function insertWebsites({ bulk }: Step, rows: [number, string][]): Promise<void> {
  await bulk.insert("Presence", {
    columns: [int("entityId"), text("domain")],
    rows,
    shared: [{ column: text("kind"), value: websitePresence }],
  });
}

type AuditRow = { action: string; uscc: string; details: Record<string, unknown> };

/** Audit rows shaped as src/audit writes them; its auditMany (createMany) is too slow for 100,000. */
async function audit({ bulk, ctx, now }: Step, rows: AuditRow[]): Promise<void> {
  await bulk.insert("AuditLog", {
    columns: [text("action"), text("subjectId"), text("details")],
    rows: rows.map((r) => [r.action, r.uscc, JSON.stringify({ source: ctx.source, ...r.details })]),
    shared: [
      { column: timestamp("at"), value: now },
      { column: text("actor"), value: ctx.actor },
      { column: text("subjectType"), value: "entity" },
    ],
  });
}

async function createEntities(step: Step, plan: ImportPlan): Promise<void> {
  for (const batch of batches(plan.creates)) {
    const created = await step.bulk.insert<{ id: number; uscc: string }>("Entity", {
      columns: [text("uscc"), ...valueColumns],
      rows: batch.map((r) => [r.uscc, ...entityValueRow(newEntityValues(r))]),
      shared: [
        { column: timestamp("createdAt"), value: step.now },
        { column: timestamp("updatedAt"), value: step.now },
      ],
      returning: ["id", "uscc"],
    });
    const idOf = new Map(created.map((c) => [c.uscc, Number(c.id)]));
    await insertWebsites(
      step,
      batch.flatMap((r) => (r.domains ?? []).map((d): [number, string] => [idOf.get(r.uscc)!, d])),
    );
    // The new row holds the values; later updates record old and new ones.
    await audit(
      step,
      batch.map((r) => ({ action: "entity.create", uscc: r.uscc, details: { line: r.line } })),
    );
    step.ctx.onWritten?.(batch.length);
  }
}

async function removeWebsites(step: Step, batch: EntityUpdate[]): Promise<void> {
  const leaving = new Set(batch.flatMap((u) => u.domainsToRemove.map((d) => `${u.existing.id} ${d}`)));
  if (leaving.size === 0) return;
  const stored = await websitesOf(
    step.bulk,
    batch.map((u) => u.existing.id),
  );
  const ids = stored.filter((p) => leaving.has(`${p.entityId} ${p.domain}`)).map((p) => p.id);
  await step.bulk.deleteIn("Presence", int("id"), ids);
}

async function updateEntities(step: Step, plan: ImportPlan): Promise<void> {
  for (const batch of batches(plan.updates)) {
    await step.bulk.update("Entity", {
      key: int("id"),
      columns: valueColumns,
      rows: batch.map((u) => [u.existing.id, ...entityValueRow({ ...u.existing, ...u.values })]),
      shared: [{ column: timestamp("updatedAt"), value: step.now }],
    });
    await removeWebsites(step, batch);
    await insertWebsites(
      step,
      batch.flatMap((u) => u.domainsToAdd.map((d): [number, string] => [u.existing.id, d])),
    );
    await audit(
      step,
      batch.map((u) => ({
        action: "entity.update",
        uscc: u.record.uscc,
        details: { line: u.record.line, changes: u.changes },
      })),
    );
    step.ctx.onWritten?.(batch.length);
  }
}

/** A transaction of the register: bulk statements and audit rows bound to it. */
export type RegisterTx = { bulk: Bulk; auditLog: Pick<Prisma, "auditLog"> };

/** Runs fn in one transaction: everything it writes is kept, or on any error none of it. */
export async function inRegisterTransaction<T>(db: Db, fn: (tx: RegisterTx) => Promise<T>): Promise<T> {
  return db.prisma.$transaction((tx) => fn({ bulk: bulkFor(tx, db.provider), auditLog: tx }), {
    timeout: transactionTimeoutMs,
    maxWait: 60_000,
  });
}

export async function writePlan(tx: RegisterTx, plan: ImportPlan, ctx: WriteContext): Promise<void> {
  const step: Step = { bulk: tx.bulk, ctx, now: new Date() };
  await createEntities(step, plan);
  await updateEntities(step, plan);
  const summary = {
    actor: ctx.actor,
    action: "registry.import",
    subjectType: "register",
    subjectId: ctx.source,
  };
  await auditMany(tx.auditLog, [{ ...summary, details: ctx.summary }]);
}
