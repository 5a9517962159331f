// The findings queue at scale: filtered, ordered by last sighting (or by severity, then last
// sighting), read in keyset pages. A page never uses OFFSET: it starts after the last row of
// the previous one, so page 1,000 costs what page 1 costs on the (x, lastSeenAt, id) indexes.
import type { Db, Prisma } from "../../db/index.ts";
import { isValidUscc } from "../../identity/index.ts";
import { chinaDayEnd, chinaDayStart, type QueueFilter } from "./queue-filter.ts";

type FindingWhere = NonNullable<NonNullable<Parameters<Prisma["finding"]["findMany"]>[0]>["where"]>;

export type QueueRow = {
  id: number;
  category: string;
  rule: string;
  severity: string;
  url: string;
  domain: string;
  status: string;
  assignee: string;
  region: string;
  lastSeenAt: Date;
  excerpt: string;
  leadId: number | null;
  entity: { uscc: string; name: string } | null;
};

export type Cursor = { severity?: string; at: number; id: number };
export type QueuePage = { rows: QueueRow[]; next: Cursor | null; unknownEntity: boolean };

/** Highest first: the order of the severity sort. */
const severityOrder = ["high", "medium", "low"] as const;
const maxEntityMatches = 200;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.severity ?? ""}|${c.at}|${c.id}`).toString("base64url");
}

export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text || text.length > 100) return null;
  const m = /^(high|medium|low|)\|(\d{1,15})\|(\d{1,10})$/.exec(Buffer.from(text, "base64url").toString());
  if (!m) return null;
  return { ...(m[1] ? { severity: m[1] } : {}), at: Number(m[2]), id: Number(m[3]) };
}

/** Entity ids matching a USCC or a name fragment; null when the filter names no entity. */
async function entityIds(db: Db, entity: string | undefined): Promise<number[] | null> {
  if (!entity) return null;
  const code = entity.toUpperCase();
  const where = isValidUscc(code) ? { uscc: code } : { name: { contains: entity } };
  const rows = await db.prisma.entity.findMany({ where, select: { id: true }, take: maxEntityMatches });
  return rows.map((r) => r.id);
}

function filterWhere(filter: QueueFilter, entities: number[] | null): FindingWhere[] {
  const and: FindingWhere[] = [];
  for (const key of ["category", "severity", "status", "sweep", "region"] as const) {
    const value = filter[key];
    if (value) and.push({ [key]: value });
  }
  if (entities) and.push({ entityId: { in: entities } });
  if (filter.from) and.push({ lastSeenAt: { gte: chinaDayStart(filter.from) } });
  if (filter.to) and.push({ lastSeenAt: { lte: chinaDayEnd(filter.to) } });
  return and;
}

/**
 * Rows after (at, id) in (lastSeenAt desc, id desc) order. The plain `lastSeenAt <= at` is
 * redundant with the OR, but it is what lets the database start the index scan at the cursor.
 */
function afterCursor(at: Date, id: number): FindingWhere[] {
  return [
    { lastSeenAt: { lte: at } },
    { OR: [{ lastSeenAt: { lt: at } }, { lastSeenAt: at, id: { lt: id } }] },
  ];
}

const rowSelect = {
  id: true,
  category: true,
  rule: true,
  severity: true,
  url: true,
  domain: true,
  status: true,
  assignee: true,
  region: true,
  lastSeenAt: true,
  excerpt: true,
  leadId: true,
  entity: { select: { uscc: true, name: true } },
} as const;

async function readRows(db: Db, and: FindingWhere[], take: number): Promise<QueueRow[]> {
  return db.prisma.finding.findMany({
    where: { AND: and },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take,
    select: rowSelect,
  });
}

function cursorOf(row: QueueRow, bySeverity: boolean): Cursor {
  return { ...(bySeverity ? { severity: row.severity } : {}), at: row.lastSeenAt.getTime(), id: row.id };
}

/** One page of the queue and the cursor of the next (null on the last page). */
export async function findingsPage(
  db: Db,
  filter: QueueFilter,
  cursor: Cursor | null,
  pageSize: number,
): Promise<QueuePage> {
  const entities = await entityIds(db, filter.entity);
  if (entities && entities.length === 0) return { rows: [], next: null, unknownEntity: true };
  const base = filterWhere(filter, entities);
  const bySeverity = filter.sort === "severity" && !filter.severity;
  const rows: QueueRow[] = [];
  const groups = bySeverity
    ? severityOrder.slice(severityOrder.indexOf((cursor?.severity ?? "high") as "high"))
    : [null];
  for (const severity of groups) {
    const and = severity ? [...base, { severity }] : [...base];
    const resume = cursor && (!severity || severity === cursor.severity);
    if (resume) and.push(...afterCursor(new Date(cursor.at), cursor.id));
    rows.push(...(await readRows(db, and, pageSize + 1 - rows.length)));
    if (rows.length > pageSize) break;
  }
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? cursorOf(last, bySeverity) : null, unknownEntity: false };
}

/** Every id matching the filter, in keyset chunks (exports); the caller decides what to read. */
export async function* filteredIds(db: Db, filter: QueueFilter, chunk = 1000): AsyncGenerator<number[]> {
  const entities = await entityIds(db, filter.entity);
  if (entities && entities.length === 0) return;
  const base = filterWhere(filter, entities);
  let after = 0;
  for (;;) {
    const rows = await db.prisma.finding.findMany({
      where: { AND: [...base, { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: chunk,
      select: { id: true },
    });
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1]!.id;
  }
}
