// Finding records for export: one plain object per finding with the fields enforcement needs
// (DESIGN.md "findings export"). Read in keyset pages so a large export stays in flat memory.
import type { Prisma } from "../db/index.ts";

export type FindingRecord = {
  id: number;
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
};

export type RecordFilter = { status?: string; ids?: number[] };

export async function* findingRecords(
  prisma: Prisma,
  filter: RecordFilter,
  pageSize = 1000,
): AsyncGenerator<FindingRecord> {
  let after = 0;
  for (;;) {
    const rows = await prisma.finding.findMany({
      where: {
        id: { gt: after, ...(filter.ids ? { in: filter.ids } : {}) },
        ...(filter.status ? { status: filter.status } : {}),
      },
      orderBy: { id: "asc" },
      take: pageSize,
      include: { entity: { select: { uscc: true, name: true } }, capture: true },
    });
    if (rows.length === 0) return;
    for (const f of rows) {
      yield {
        id: f.id,
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
        capturedAt: f.capture?.fetchedAt.toISOString() ?? null,
        evidence: {
          body: f.capture?.bodySha256 ?? "",
          headers: f.capture?.headersSha256 ?? "",
          text: f.capture?.textSha256 ?? "",
          screenshot: f.capture?.screenshotSha256 || null,
        },
      };
    }
    after = rows[rows.length - 1]!.id;
  }
}
