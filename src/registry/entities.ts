// The entity register's read side: look entities up by USCC, domain, host or ICP filing subject,
// and page through them. Returns plain objects; Prisma's types stay in this folder.
import type { Prisma } from "../db/index.ts";
import { hostBelongsTo, icpSubject, normaliseDomain, parseIcp } from "../identity/index.ts";
import type { EntityKind } from "./states.ts";

/** The client or a transaction client: anything with the two tables the register uses. */
export type RegisterDb = Pick<Prisma, "entity" | "presence">;

export type PresenceRecord = { kind: string; domain: string; url: string; platform: string };

export type EntityRecord = {
  id: number;
  uscc: string;
  name: string;
  kind: EntityKind;
  /** 登记状态, one of registrationStatuses. */
  status: string;
  region: string;
  address: string;
  icp: string;
  /** YYYY-MM-DD or null. */
  registeredOn: string | null;
  /** Domains of the entity's own websites, sorted. */
  domains: string[];
  presences: PresenceRecord[];
  createdAt: Date;
  updatedAt: Date;
};

export const websitePresence = "website";

export const entityInclude = {
  presences: { select: { kind: true, domain: true, url: true, platform: true }, orderBy: { domain: "asc" } },
} as const;

type EntityRow = Awaited<ReturnType<Prisma["entity"]["findFirstOrThrow"]>> & { presences: PresenceRecord[] };

export function toEntityRecord(row: EntityRow): EntityRecord {
  const presences = row.presences.map((p) => ({
    kind: p.kind,
    domain: p.domain,
    url: p.url,
    platform: p.platform,
  }));
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    kind: row.kind as EntityKind,
    status: row.status,
    region: row.region,
    address: row.address,
    icp: row.icp,
    registeredOn: row.registeredOn ? row.registeredOn.toISOString().slice(0, 10) : null,
    domains: presences.filter((p) => p.kind === websitePresence).map((p) => p.domain),
    presences,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function findByUscc(db: RegisterDb, uscc: string): Promise<EntityRecord | null> {
  const row = await db.entity.findUnique({
    where: { uscc: uscc.trim().toUpperCase() },
    include: entityInclude,
  });
  return row ? toEntityRecord(row) : null;
}

/** Entities with a presence on exactly this domain (normalised first); [] for an invalid domain. */
export async function findByDomain(db: RegisterDb, domain: string): Promise<EntityRecord[]> {
  const d = normaliseDomain(domain);
  if (!d.ok) return [];
  const rows = await db.entity.findMany({
    where: { presences: { some: { domain: d.domain } } },
    include: entityInclude,
    orderBy: { uscc: "asc" },
  });
  return rows.map(toEntityRecord);
}

/** The parent domains of a host, most specific first: a.shop.example.cn → shop.example.cn, example.cn. */
/** The parent domains of a host, itself first (www.a.b.cn → www.a.b.cn, a.b.cn, b.cn). */
export function domainCandidates(host: string): string[] {
  const labels = host.split(".");
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join("."));
  return out;
}

/** Entities whose website domain is this host or a parent of it; the most specific domain first. */
export async function findByHost(db: RegisterDb, host: string): Promise<EntityRecord[]> {
  const h = normaliseDomain(host);
  if (!h.ok) return [];
  const candidates = domainCandidates(h.domain);
  const rows = await db.entity.findMany({
    where: { presences: { some: { kind: websitePresence, domain: { in: candidates } } } },
    include: entityInclude,
  });
  return rows.map(toEntityRecord).sort(mostSpecificFor(h.domain));
}

/** Orders entities for a host: the one whose website domain matches it most specifically first. */
export function mostSpecificFor(host: string): (a: EntityRecord, b: EntityRecord) => number {
  const depth = (e: EntityRecord) =>
    Math.max(...e.domains.filter((d) => hostBelongsTo(host, d)).map((d) => d.length));
  return (a, b) => depth(b) - depth(a) || a.uscc.localeCompare(b.uscc);
}

/**
 * Entities filed under the same ICP subject (province + number, e.g. 粤ICP备19015064) as the given
 * ICP number or subject: one operator's several sites share it.
 */
export async function findByIcpSubject(db: RegisterDb, icpOrSubject: string): Promise<EntityRecord[]> {
  const text = icpOrSubject.trim();
  const icp = parseIcp(text) ?? parseIcp(`${text}号`);
  if (!icp) return [];
  const subject = icpSubject(icp);
  const rows = await db.entity.findMany({
    where: { icp: { startsWith: `${subject}号` } },
    include: entityInclude,
    orderBy: { uscc: "asc" },
  });
  return rows.map(toEntityRecord);
}

export type EntityFilter = { region?: string; status?: string; kind?: EntityKind; nameContains?: string };
export type EntityPage = { items: EntityRecord[]; total: number; page: number; pageSize: number };

/** One page (1-based) of entities ordered by USCC. */
export async function listEntities(
  db: RegisterDb,
  options: EntityFilter & { page?: number; pageSize?: number } = {},
): Promise<EntityPage> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const pageSize = Math.min(1000, Math.max(1, Math.floor(options.pageSize ?? 50)));
  const where = {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...(options.kind !== undefined ? { kind: options.kind } : {}),
    ...(options.nameContains ? { name: { contains: options.nameContains } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.entity.findMany({
      where,
      include: entityInclude,
      orderBy: { uscc: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.entity.count({ where }),
  ]);
  return { items: rows.map(toEntityRecord), total, page, pageSize };
}

/** Every entity in USCC order, read in batches (for export). */
export async function* allEntities(db: RegisterDb, batchSize = 2000): AsyncGenerator<EntityRecord> {
  let after: string | undefined;
  for (;;) {
    const rows = await db.entity.findMany({
      where: after === undefined ? {} : { uscc: { gt: after } },
      include: entityInclude,
      orderBy: { uscc: "asc" },
      take: batchSize,
    });
    for (const row of rows) yield toEntityRecord(row);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.uscc;
  }
}
