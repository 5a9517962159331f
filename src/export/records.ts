// Finding records for export: one plain object per finding with the fields enforcement needs
// (DESIGN.md "findings export"), each with the evidence files of its capture. Read in pages (keyset,
// or slices of the ids asked for) so a large export stays in flat memory; no statement binds more
// than ~500 parameters (SQLite allows 999).
import type { Prisma } from "../db/index.ts";
import { captureFiles, type EvidenceKind, evidenceRows, storePathOf } from "./evidence-files.ts";

/** One evidence file of a finding's capture. */
export type EvidenceFileRecord = {
  kind: EvidenceKind;
  sha256: string;
  /** Bytes, as recorded when the file was stored; null if the evidence table has no row for it. */
  size: number | null;
  mediaType: string;
  captureId: number;
  /** When the page was captured (ISO, UTC). */
  capturedAt: string;
  /** The page the file was captured from. */
  url: string;
  /** Path inside the evidence store (REDSHIELD_EVIDENCE_DIR). */
  storePath: string;
};

export type FindingRecord = {
  id: number;
  /** 线索编号 of the case lead the finding belongs to, if any. */
  leadNumber: string | null;
  category: string;
  rule: string;
  severity: string;
  url: string;
  domain: string;
  uscc: string | null;
  entityName: string | null;
  region: string;
  status: string;
  firstSeenAt: string;
  lastSeenAt: string;
  excerpt: string;
  basis: string;
  capturedAt: string | null;
  evidence: { body: string; headers: string; text: string; screenshot: string | null };
  evidenceFiles: EvidenceFileRecord[];
};

export type RecordFilter = { status?: string; ids?: number[] };

const idSlice = 500;

const include = {
  entity: { select: { uscc: true, name: true } },
  lead: { select: { number: true } },
  capture: true,
} as const;

type Row = Awaited<ReturnType<typeof readPage>>[number];

type PageWhere = { id: { in: number[] } | { gt: number }; status?: string };

function readPage(prisma: Prisma, where: PageWhere, take?: number) {
  return prisma.finding.findMany({ where, orderBy: { id: "asc" }, take, include });
}

async function toRecords(prisma: Prisma, rows: Row[]): Promise<FindingRecord[]> {
  const evidence = await evidenceRows(
    prisma,
    rows.flatMap((f) => (f.capture ? captureFiles(f.capture).map((e) => e.sha256) : [])),
  );
  return rows.map((f) => {
    const c = f.capture;
    return {
      id: f.id,
      leadNumber: f.lead?.number ?? null,
      category: f.category,
      rule: f.rule,
      severity: f.severity,
      url: f.url,
      domain: f.domain,
      uscc: f.entity?.uscc ?? null,
      entityName: f.entity?.name ?? null,
      region: f.region,
      status: f.status,
      firstSeenAt: f.firstSeenAt.toISOString(),
      lastSeenAt: f.lastSeenAt.toISOString(),
      excerpt: f.excerpt,
      basis: `${f.basisLaw}${f.basisArticle}`,
      capturedAt: c?.fetchedAt.toISOString() ?? null,
      evidence: {
        body: c?.bodySha256 ?? "",
        headers: c?.headersSha256 ?? "",
        text: c?.textSha256 ?? "",
        screenshot: c?.screenshotSha256 || null,
      },
      evidenceFiles: c
        ? captureFiles(c).map(({ kind, sha256 }) => {
            const row = evidence.get(sha256);
            return {
              kind,
              sha256,
              size: row?.size ?? null,
              mediaType: row?.mediaType ?? "",
              captureId: c.id,
              capturedAt: c.fetchedAt.toISOString(),
              url: c.url,
              storePath: storePathOf(sha256),
            };
          })
        : [],
    };
  });
}

/** Records of the findings matching the filter, in id order. */
export async function* findingRecords(
  prisma: Prisma,
  filter: RecordFilter,
  pageSize = 1000,
): AsyncGenerator<FindingRecord> {
  const status = filter.status ? { status: filter.status } : {};
  if (filter.ids) {
    const ids = [...new Set(filter.ids)].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += idSlice) {
      const rows = await readPage(prisma, { id: { in: ids.slice(i, i + idSlice) }, ...status });
      yield* await toRecords(prisma, rows);
    }
    return;
  }
  let after = 0;
  for (;;) {
    const rows = await readPage(prisma, { id: { gt: after }, ...status }, pageSize);
    if (rows.length === 0) return;
    yield* await toRecords(prisma, rows);
    after = rows[rows.length - 1]!.id;
  }
}
