// Reading leads: the list, one lead with its findings, and the findings a new lead could group.
// Plain objects only; Prisma's types stay here.
import type { Db } from "../db/index.ts";

export type LeadSummary = {
  id: number;
  number: string;
  status: string;
  entityId: number | null;
  entityName: string | null;
  uscc: string | null;
  region: string | null;
  domain: string;
  assignedUnit: string;
  createdBy: string;
  createdAt: Date;
  handedOverAt: Date | null;
  feedbackAt: Date | null;
  closedAt: Date | null;
  feedback: string;
  findingCount: number;
};

export type LeadFinding = {
  id: number;
  category: string;
  rule: string;
  severity: string;
  url: string;
  status: string;
  excerpt: string;
  lastSeenAt: Date;
};

export type LeadDetail = LeadSummary & { documents: Record<string, unknown>; findings: LeadFinding[] };

// CaseLead has no relation to Entity in the schema (entityId only): entities are read by id.
const summaryInclude = { _count: { select: { findings: true } } } as const;

type EntityFacts = { name: string; uscc: string; region: string };

type LeadRow = Omit<LeadSummary, "entityName" | "uscc" | "region" | "findingCount"> & {
  _count: { findings: number };
};

async function entitiesOf(db: Db, rows: { entityId: number | null }[]): Promise<Map<number, EntityFacts>> {
  const ids = [...new Set(rows.map((r) => r.entityId).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const entities = await db.prisma.entity.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, uscc: true, region: true },
  });
  return new Map(entities.map((e) => [e.id, e]));
}

function toSummary(row: LeadRow, entities: Map<number, EntityFacts>): LeadSummary {
  const { _count, ...rest } = row;
  const entity = row.entityId === null ? undefined : entities.get(row.entityId);
  return {
    ...rest,
    entityName: entity?.name ?? null,
    uscc: entity?.uscc ?? null,
    region: entity?.region ?? null,
    findingCount: _count.findings,
  };
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Leads newest first; `beforeId` pages on (keyset). */
export async function listLeads(
  db: Db,
  filter: { status?: string; entityId?: number; beforeId?: number; take?: number } = {},
): Promise<LeadSummary[]> {
  const rows = await db.prisma.caseLead.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.entityId !== undefined ? { entityId: filter.entityId } : {}),
      ...(filter.beforeId ? { id: { lt: filter.beforeId } } : {}),
    },
    include: summaryInclude,
    orderBy: { id: "desc" },
    take: filter.take ?? 50,
  });
  const entities = await entitiesOf(db, rows);
  return rows.map((r) => toSummary(r, entities));
}

export async function getLead(db: Db, id: number): Promise<LeadDetail | null> {
  const row = await db.prisma.caseLead.findUnique({
    where: { id },
    include: {
      ...summaryInclude,
      findings: {
        select: {
          id: true,
          category: true,
          rule: true,
          severity: true,
          url: true,
          status: true,
          excerpt: true,
          lastSeenAt: true,
        },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!row) return null;
  const { findings, documents, ...rest } = row;
  return { ...toSummary(rest, await entitiesOf(db, [row])), documents: parseJson(documents), findings };
}

/**
 * Confirmed findings in no lead that belong with this one: the same entity, or the same site when
 * the operator is unknown. Empty when the finding itself cannot join a new lead.
 */
export async function leadCandidates(db: Db, findingId: number): Promise<number[]> {
  const f = await db.prisma.finding.findUnique({
    where: { id: findingId },
    select: { status: true, leadId: true, entityId: true, domain: true },
  });
  if (f?.status !== "confirmed" || f.leadId !== null) return [];
  const group = f.entityId !== null ? { entityId: f.entityId } : { entityId: null, domain: f.domain };
  const rows = await db.prisma.finding.findMany({
    where: { ...group, status: "confirmed", leadId: null },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 500,
  });
  return rows.map((r) => r.id);
}
