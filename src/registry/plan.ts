// Compares valid rows with what the register already holds and decides, row by row, what an import
// does: create the entity, update the fields that differ (remembering old and new values for the
// audit log), or nothing. Pure: the reads happen before, the writes after.
import type { EntityRecord } from "./entities.ts";
import type { RegisterRecord } from "./types.ts";

/** Entity columns an import sets, in the order the audit log lists them. */
export const entityFields = ["name", "kind", "status", "region", "address", "icp", "registeredOn"] as const;
export type EntityField = (typeof entityFields)[number];
export type EntityValues = Pick<EntityRecord, EntityField>;

export type FieldChange = { old: unknown; new: unknown };

export type EntityUpdate = {
  record: RegisterRecord;
  existing: EntityRecord;
  /** Changed entity columns with their new values. */
  values: Partial<EntityValues>;
  /** Every change, domains included, as { old, new } for the audit log. */
  changes: Record<string, FieldChange>;
  domainsToAdd: string[];
  domainsToRemove: string[];
};

export type ImportPlan = { creates: RegisterRecord[]; updates: EntityUpdate[]; unchanged: number };

/** Values for a new entity; fields the file does not carry get the register's defaults. */
export function newEntityValues(r: RegisterRecord): EntityValues & { uscc: string } {
  return {
    uscc: r.uscc,
    name: r.name,
    kind: r.kind,
    status: r.status,
    region: r.region ?? "",
    address: r.address ?? "",
    icp: r.icp ?? "",
    registeredOn: r.registeredOn ?? null,
  };
}

function diffUpdate(record: RegisterRecord, existing: EntityRecord): EntityUpdate | null {
  const values: Partial<EntityValues> = {};
  const changes: Record<string, FieldChange> = {};
  for (const field of entityFields) {
    const next = record[field];
    if (next === undefined || next === existing[field]) continue;
    (values as Record<string, unknown>)[field] = next;
    changes[field] = { old: existing[field], new: next };
  }
  let domainsToAdd: string[] = [];
  let domainsToRemove: string[] = [];
  if (record.domains) {
    const next = new Set(record.domains);
    domainsToAdd = record.domains.filter((d) => !existing.domains.includes(d));
    domainsToRemove = existing.domains.filter((d) => !next.has(d));
    if (domainsToAdd.length > 0 || domainsToRemove.length > 0) {
      changes.domains = { old: existing.domains, new: [...record.domains].sort() };
    }
  }
  if (Object.keys(changes).length === 0) return null;
  return { record, existing, values, changes, domainsToAdd, domainsToRemove };
}

export function planImport(
  records: RegisterRecord[],
  existing: ReadonlyMap<string, EntityRecord>,
): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0 };
  for (const record of records) {
    const current = existing.get(record.uscc);
    if (!current) {
      plan.creates.push(record);
      continue;
    }
    const update = diffUpdate(record, current);
    if (update) plan.updates.push(update);
    else plan.unchanged++;
  }
  return plan;
}
