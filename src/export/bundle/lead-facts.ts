// What the bundle knows about one lead: the lead, its entity (or 不明), its findings, and the
// captures behind them with each stored evidence file, named as it will appear in the zip.
// Read-only; plain objects, so the documents and the manifest never see Prisma.
import type { Db } from "../../db/index.ts";
import { NotFoundError } from "../../errors.ts";
import { captureFiles, type EvidenceKind, evidenceRows } from "../evidence-files.ts";

export type { EvidenceKind } from "../evidence-files.ts";

export type EvidenceFile = {
  /** Path inside the zip, e.g. XS-2026-0001/evidence/01-body-20261120-091405.html. */
  path: string;
  fileName: string;
  kind: EvidenceKind;
  mediaType: string;
  size: number;
  sha256: string;
  capturedAt: Date;
  captureId: number;
  findingIds: number[];
};

export type CaptureFacts = {
  id: number;
  /** 1, 2, 3 … within the lead, in capture-time order. */
  seq: number;
  runId: number;
  url: string;
  finalUrl: string;
  domain: string;
  httpStatus: number;
  fetchedAt: Date;
  mode: string;
  contentType: string;
  provenance: Record<string, unknown>;
  findingIds: number[];
  files: EvidenceFile[];
};

export type FindingFacts = {
  id: number;
  category: string;
  rule: string;
  severity: string;
  url: string;
  domain: string;
  excerpt: string;
  basisLaw: string;
  basisArticle: string;
  sweep: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  captureId: number | null;
  reviewedBy: string;
  reviewedAt: Date | null;
};

export type EntityFacts = {
  name: string;
  uscc: string;
  address: string;
  icp: string;
  region: string;
  domains: string[];
};

export type LeadFacts = {
  id: number;
  number: string;
  status: string;
  domain: string;
  assignedUnit: string;
  createdBy: string;
  createdAt: Date;
  documents: Record<string, unknown>;
  /** How the 承办单位 was proposed when the lead was created (from its lead.create audit row). */
  routing: { basis: string; unit: string; icp?: string; province?: string } | null;
  entity: EntityFacts | null;
  findings: FindingFacts[];
  captures: CaptureFacts[];
};

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function extensionOf(kind: EvidenceKind, contentType: string): string {
  if (kind === "headers") return "json";
  if (kind === "text") return "txt";
  if (kind === "screenshot") return "png";
  if (/html|xml/i.test(contentType)) return "html";
  if (/^text\//i.test(contentType)) return "txt";
  return "bin";
}

/** 20261120-091405: the capture time in China Standard Time, for file names. */
export function compactChinaTime(at: Date): string {
  const iso = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

export async function loadLeadFacts(db: Db, leadId: number): Promise<LeadFacts> {
  const lead = await db.prisma.caseLead.findUnique({
    where: { id: leadId },
    include: { findings: { include: { capture: true }, orderBy: { id: "asc" } } },
  });
  if (!lead) throw new NotFoundError(`lead ${leadId} not found`, `线索 ${leadId} 不存在`);
  const entityRow =
    lead.entityId === null
      ? null
      : await db.prisma.entity.findUnique({
          where: { id: lead.entityId },
          include: { presences: { select: { domain: true }, orderBy: { domain: "asc" } } },
        });
  const entity: EntityFacts | null = entityRow
    ? {
        name: entityRow.name,
        uscc: entityRow.uscc,
        address: entityRow.address,
        icp: entityRow.icp,
        region: entityRow.region,
        domains: entityRow.presences.map((p) => p.domain),
      }
    : null;

  // One capture may back several findings of the lead: its files go in once.
  const captureRows = new Map<number, NonNullable<(typeof lead.findings)[number]["capture"]>>();
  const findingsOf = new Map<number, number[]>();
  for (const f of lead.findings) {
    if (!f.capture) continue;
    captureRows.set(f.capture.id, f.capture);
    findingsOf.set(f.capture.id, [...(findingsOf.get(f.capture.id) ?? []), f.id]);
  }
  const ordered = [...captureRows.values()].sort(
    (a, b) => a.fetchedAt.getTime() - b.fetchedAt.getTime() || a.id - b.id,
  );
  const evidence = await evidenceRows(
    db.prisma,
    ordered.flatMap((c) => captureFiles(c).map((f) => f.sha256)),
  );

  const captures: CaptureFacts[] = ordered.map((c, i) => {
    const seq = i + 1;
    const findingIds = findingsOf.get(c.id) ?? [];
    const files: EvidenceFile[] = [];
    for (const { kind, sha256 } of captureFiles(c)) {
      const row = evidence.get(sha256);
      const fileName = `${String(seq).padStart(2, "0")}-${kind}-${compactChinaTime(c.fetchedAt)}.${extensionOf(kind, c.contentType)}`;
      files.push({
        path: `${lead.number}/evidence/${fileName}`,
        fileName,
        kind,
        mediaType: row?.mediaType ?? (kind === "body" ? c.contentType : ""),
        size: row?.size ?? -1,
        sha256,
        capturedAt: c.fetchedAt,
        captureId: c.id,
        findingIds,
      });
    }
    return {
      id: c.id,
      seq,
      runId: c.runId,
      url: c.url,
      finalUrl: c.finalUrl,
      domain: c.domain,
      httpStatus: c.httpStatus,
      fetchedAt: c.fetchedAt,
      mode: c.mode,
      contentType: c.contentType,
      provenance: parseObject(c.provenance),
      findingIds,
      files,
    };
  });

  const created = await db.prisma.auditLog.findFirst({
    where: { subjectType: "lead", subjectId: String(lead.id), action: "lead.create" },
    select: { details: true },
  });
  const routing = parseObject(created?.details ?? "{}").routing as LeadFacts["routing"] | undefined;

  return {
    id: lead.id,
    number: lead.number,
    status: lead.status,
    domain: lead.domain,
    assignedUnit: lead.assignedUnit,
    createdBy: lead.createdBy,
    createdAt: lead.createdAt,
    documents: parseObject(lead.documents),
    routing: routing && typeof routing === "object" ? routing : null,
    entity,
    findings: lead.findings.map((f) => ({
      id: f.id,
      category: f.category,
      rule: f.rule,
      severity: f.severity,
      url: f.url,
      domain: f.domain,
      excerpt: f.excerpt,
      basisLaw: f.basisLaw,
      basisArticle: f.basisArticle,
      sweep: f.sweep,
      firstSeenAt: f.firstSeenAt,
      lastSeenAt: f.lastSeenAt,
      captureId: f.captureId,
      reviewedBy: f.reviewedBy,
      reviewedAt: f.reviewedAt,
    })),
    captures,
  };
}
