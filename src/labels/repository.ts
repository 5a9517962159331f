// Label storage. Prisma types stay in this file: callers get plain objects.
import type { Prisma } from "../db/index.ts";

/** The client or a transaction client: anything that can query these tables. */
export type LabelStore = Pick<Prisma, "entity" | "label" | "labelDomain" | "auditLog">;

export type HolderRecord = {
  id: number;
  uscc: string;
  name: string;
  status: string;
  websiteDomains: string[];
};

export type LabelRecord = {
  serial: string;
  holderName: string;
  uscc: string;
  domains: string[];
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokeReason: string;
  issuedBy: string;
};

const labelWithHolder = {
  entity: { select: { name: true, uscc: true } },
  domains: { select: { domain: true }, orderBy: { domain: "asc" } },
} as const;

type LabelRow = {
  serial: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokeReason: string;
  issuedBy: string;
  entity: { name: string; uscc: string };
  domains: { domain: string }[];
};

function toRecord(row: LabelRow): LabelRecord {
  return {
    serial: row.serial,
    holderName: row.entity.name,
    uscc: row.entity.uscc,
    domains: row.domains.map((d) => d.domain),
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason,
    issuedBy: row.issuedBy,
  };
}

/** The entity with this USCC and the domains of its own websites (not platform shops). */
export async function findHolder(store: LabelStore, uscc: string): Promise<HolderRecord | null> {
  const row = await store.entity.findUnique({
    where: { uscc },
    select: {
      id: true,
      uscc: true,
      name: true,
      status: true,
      presences: { select: { domain: true, kind: true } },
    },
  });
  if (!row) return null;
  const websiteDomains = row.presences.filter((p) => p.kind === "website").map((p) => p.domain);
  return { id: row.id, uscc: row.uscc, name: row.name, status: row.status, websiteDomains };
}

export async function findLabel(store: LabelStore, serial: string): Promise<LabelRecord | null> {
  const row = await store.label.findUnique({ where: { serial }, include: labelWithHolder });
  return row ? toRecord(row) : null;
}

export async function serialExists(store: LabelStore, serial: string): Promise<boolean> {
  return (await store.label.count({ where: { serial } })) > 0;
}

export async function findLabels(store: LabelStore, filter: { entityId?: number }): Promise<LabelRecord[]> {
  const rows = await store.label.findMany({
    where: filter.entityId === undefined ? {} : { entityId: filter.entityId },
    include: labelWithHolder,
    orderBy: [{ issuedAt: "desc" }, { serial: "asc" }],
  });
  return rows.map(toRecord);
}

/** Labels neither revoked nor expired at `now` that cover any of these domains. */
export async function activeLabelsFor(
  store: LabelStore,
  domains: string[],
  now: Date,
): Promise<{ serial: string; domain: string }[]> {
  const rows = await store.labelDomain.findMany({
    where: { domain: { in: domains }, label: { revokedAt: null, expiresAt: { gt: now } } },
    select: { domain: true, label: { select: { serial: true } } },
    orderBy: { domain: "asc" },
  });
  return rows.map((r) => ({ serial: r.label.serial, domain: r.domain }));
}

export async function insertLabel(
  store: LabelStore,
  data: {
    serial: string;
    entityId: number;
    domains: string[];
    issuedAt: Date;
    expiresAt: Date;
    issuedBy: string;
  },
): Promise<LabelRecord> {
  const row = await store.label.create({
    data: {
      serial: data.serial,
      entityId: data.entityId,
      issuedAt: data.issuedAt,
      expiresAt: data.expiresAt,
      issuedBy: data.issuedBy,
      domains: { create: data.domains.map((domain) => ({ domain })) },
    },
    include: labelWithHolder,
  });
  return toRecord(row);
}

/** Marks a label revoked unless it already is; false when it was already revoked (or missing). */
export async function markRevoked(
  store: LabelStore,
  serial: string,
  at: Date,
  reason: string,
): Promise<boolean> {
  const { count } = await store.label.updateMany({
    where: { serial, revokedAt: null },
    data: { revokedAt: at, revokeReason: reason },
  });
  return count === 1;
}
