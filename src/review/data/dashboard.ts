// The dashboard's figures: findings by category, status and region; new findings per day; and
// the period figures of the bureau's reports for a date range (Beijing calendar days).
import type { Db } from "../../db/index.ts";
import { listRuns, type RunView } from "../../sweeps/runs.ts";
import { chinaDayEnd, chinaDayStart } from "./queue-filter.ts";

export type Count = { key: string; count: number };
export type PeriodFigures = {
  entitiesChecked: number;
  behavioursChecked: number;
  newEntitiesFound: number;
  findingsNew: number;
  labelsIssued: number;
  leadsHandedOver: number;
};
export type DashboardData = {
  byCategory: Count[];
  byStatus: Count[];
  byRegion: Count[];
  trend: Count[];
  figures: PeriodFigures;
  runs: RunView[];
};
export type DateRange = { from: string; to: string };

const dayMs = 24 * 3600_000;

/** Every calendar day of the range, YYYY-MM-DD. */
export function daysOf(range: DateRange): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= Date.parse(`${range.to}T00:00:00Z`); t += dayMs) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

type Breakdown = Pick<DashboardData, "byCategory" | "byStatus" | "byRegion" | "trend">;
type GroupRow = { category: string; status: string; region: string; day: string | null; n: bigint | number };

function sortedCounts(map: Map<string, number>): Count[] {
  return [...map.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/**
 * Findings by category, status and region, and new findings per Beijing day of the range, from
 * one pass over the table (a few thousand groups folded here): at a million findings one scan
 * costs a quarter of four.
 */
async function breakdown(db: Db, range: DateRange): Promise<Breakdown> {
  const start = chinaDayStart(range.from);
  const end = chinaDayEnd(range.to);
  const rows: GroupRow[] =
    db.provider === "postgresql"
      ? await db.prisma.$queryRaw<GroupRow[]>`SELECT category, status, region,
          CASE WHEN "firstSeenAt" BETWEEN ${start} AND ${end} THEN to_char("firstSeenAt" + interval '8 hours', 'YYYY-MM-DD') END AS day,
          COUNT(*) AS n FROM "Finding" GROUP BY 1, 2, 3, 4`
      : await db.prisma.$queryRaw<GroupRow[]>`SELECT category, status, region,
          CASE WHEN firstSeenAt BETWEEN ${start} AND ${end} THEN date(firstSeenAt, '+8 hours') END AS day,
          COUNT(*) AS n FROM Finding GROUP BY 1, 2, 3, 4`;
  const maps = {
    category: new Map<string, number>(),
    status: new Map<string, number>(),
    region: new Map<string, number>(),
  };
  const byDay = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    for (const key of ["category", "status", "region"] as const)
      maps[key].set(r[key], (maps[key].get(r[key]) ?? 0) + n);
    if (r.day) byDay.set(r.day, (byDay.get(r.day) ?? 0) + n);
  }
  return {
    byCategory: sortedCounts(maps.category),
    byStatus: sortedCounts(maps.status),
    byRegion: sortedCounts(maps.region),
    trend: daysOf(range).map((day) => ({ key: day, count: byDay.get(day) ?? 0 })),
  };
}

async function periodFigures(db: Db, range: DateRange): Promise<PeriodFigures> {
  const within = { gte: chinaDayStart(range.from), lte: chinaDayEnd(range.to) };
  const [runs, labelsIssued, leadsHandedOver] = await Promise.all([
    db.prisma.sweepRun.aggregate({
      where: { createdAt: within },
      _sum: { entitiesChecked: true, behavioursChecked: true, newEntitiesFound: true, findingsNew: true },
    }),
    db.prisma.label.count({ where: { issuedAt: within } }),
    db.prisma.caseLead.count({ where: { handedOverAt: within } }),
  ]);
  return {
    entitiesChecked: runs._sum.entitiesChecked ?? 0,
    behavioursChecked: runs._sum.behavioursChecked ?? 0,
    newEntitiesFound: runs._sum.newEntitiesFound ?? 0,
    findingsNew: runs._sum.findingsNew ?? 0,
    labelsIssued,
    leadsHandedOver,
  };
}

export async function dashboardData(db: Db, range: DateRange): Promise<DashboardData> {
  const [counts, figures, runs] = await Promise.all([
    breakdown(db, range),
    periodFigures(db, range),
    listRuns(db.prisma, 5),
  ]);
  return { ...counts, figures, runs };
}
