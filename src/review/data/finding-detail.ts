// Everything the finding page shows: the finding, its capture and digests, the entity, the lead,
// notes, the audit trail, and other findings on the same site. Plain objects only.
import type { Db } from "../../db/index.ts";

export type AuditRow = { id: number; at: Date; actor: string; action: string; details: string };

export type CaptureView = {
  id: number;
  url: string;
  finalUrl: string;
  httpStatus: number;
  fetchedAt: Date;
  mode: string;
  contentType: string;
  charset: string;
  bodySha256: string;
  headersSha256: string;
  textSha256: string;
  screenshotSha256: string;
  provenance: string;
};

export type SiteFinding = {
  id: number;
  category: string;
  severity: string;
  status: string;
  url: string;
  lastSeenAt: Date;
};

export type FindingDetail = {
  id: number;
  category: string;
  rule: string;
  severity: string;
  score: number;
  url: string;
  domain: string;
  status: string;
  excerpt: string;
  basisLaw: string;
  basisArticle: string;
  details: string;
  sweep: string;
  region: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  assignee: string;
  reviewedBy: string;
  reviewedAt: Date | null;
  dismissReason: string;
  entity: { id: number; uscc: string; name: string; region: string } | null;
  lead: { id: number; number: string; status: string } | null;
  capture: CaptureView | null;
  notes: { id: number; author: string; text: string; createdAt: Date }[];
  audit: AuditRow[];
  sameSite: SiteFinding[];
};

export async function auditTrail(db: Db, subjectType: string, subjectId: number): Promise<AuditRow[]> {
  return db.prisma.auditLog.findMany({
    where: { subjectType, subjectId: String(subjectId) },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, at: true, actor: true, action: true, details: true },
  });
}

export async function findingDetail(db: Db, id: number): Promise<FindingDetail | null> {
  const f = await db.prisma.finding.findUnique({
    where: { id },
    include: {
      entity: { select: { id: true, uscc: true, name: true, region: true } },
      lead: { select: { id: true, number: true, status: true } },
      capture: true,
      notes: { orderBy: { id: "asc" }, select: { id: true, author: true, text: true, createdAt: true } },
    },
  });
  if (!f) return null;
  const [audit, sameSite] = await Promise.all([
    auditTrail(db, "finding", id),
    db.prisma.finding.findMany({
      where: { domain: f.domain, id: { not: id } },
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      take: 20,
      select: { id: true, category: true, severity: true, status: true, url: true, lastSeenAt: true },
    }),
  ]);
  const { capture, ...rest } = f;
  return {
    ...rest,
    capture: capture
      ? {
          id: capture.id,
          url: capture.url,
          finalUrl: capture.finalUrl,
          httpStatus: capture.httpStatus,
          fetchedAt: capture.fetchedAt,
          mode: capture.mode,
          contentType: capture.contentType,
          charset: capture.charset,
          bodySha256: capture.bodySha256,
          headersSha256: capture.headersSha256,
          textSha256: capture.textSha256,
          screenshotSha256: capture.screenshotSha256,
          provenance: capture.provenance,
        }
      : null,
    audit,
    sameSite,
  };
}

/** Names of enabled accounts that may review, for the assign list. */
export async function reviewerNames(db: Db): Promise<string[]> {
  const rows = await db.prisma.user.findMany({
    where: { disabledAt: null, role: { in: ["reviewer", "admin"] } },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => r.name);
}
