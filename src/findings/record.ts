// Records what a crawler concluded about one page: the evidence files, the capture row and the
// findings, in one transaction. Idempotent: a finding is keyed by its fingerprint, so seeing it
// again (next run, or a retried shard) updates lastSeen instead of adding a row. A dismissed
// finding whose evidence changed comes back for review.
import { audit } from "../audit/index.ts";
import type { Prisma } from "../db/index.ts";
import { type EvidenceStore, sha256Hex } from "../evidence/index.ts";

export type FindingInput = {
  category: string;
  rule: string;
  severity: string;
  score: number;
  excerpt: string;
  basis: { law: string; article: string };
  details?: Record<string, unknown>;
  /** "site" findings are one per domain (fingerprint without the URL). */
  scope: "page" | "site";
};

export type CaptureInput = {
  url: string;
  finalUrl: string;
  domain: string;
  httpStatus: number;
  fetchedAt: Date;
  mode: "http" | "browser";
  contentType: string;
  charset: string;
  body: Uint8Array;
  headers: Record<string, string>;
  text: string;
  screenshot?: Uint8Array | null;
  provenance: Record<string, unknown>;
};

export type PageRecord = {
  runId: number;
  sweep: string;
  entityId: number | null;
  region: string;
  capture: CaptureInput;
  findings: FindingInput[];
};

export type RecordOutcome = { created: number; updated: number; reopened: number };

export function fingerprintOf(
  f: Pick<FindingInput, "category" | "rule" | "scope">,
  url: string,
  domain: string,
): string {
  return sha256Hex(`${f.category}\n${f.rule}\n${f.scope === "site" ? `site:${domain}` : url}`);
}

async function storeEvidence(prisma: Prisma, store: EvidenceStore, c: CaptureInput) {
  const files: { kind: string; mediaType: string; data: Uint8Array | string }[] = [
    { kind: "body", mediaType: c.contentType || "application/octet-stream", data: c.body },
    { kind: "headers", mediaType: "application/json", data: JSON.stringify(c.headers, null, 2) },
    { kind: "text", mediaType: "text/plain; charset=utf-8", data: c.text },
  ];
  if (c.screenshot) files.push({ kind: "screenshot", mediaType: "image/png", data: c.screenshot });
  const digests: Record<string, string> = {};
  for (const f of files) {
    const stored = await store.put(f.data);
    digests[f.kind] = stored.sha256;
    await prisma.evidence.upsert({
      where: { sha256: stored.sha256 },
      create: { sha256: stored.sha256, size: stored.size, mediaType: f.mediaType, kind: f.kind },
      update: {},
    });
  }
  return digests;
}

export async function recordPage(
  prisma: Prisma,
  store: EvidenceStore,
  page: PageRecord,
): Promise<RecordOutcome> {
  const outcome: RecordOutcome = { created: 0, updated: 0, reopened: 0 };
  if (page.findings.length === 0) return outcome;
  const c = page.capture;
  const digests = await storeEvidence(prisma, store, c);
  const textDigest = digests["text"]!;
  await prisma.$transaction(async (tx) => {
    const capture = await tx.pageCapture.upsert({
      where: { runId_url: { runId: page.runId, url: c.url } },
      create: {
        runId: page.runId,
        url: c.url,
        finalUrl: c.finalUrl,
        domain: c.domain,
        httpStatus: c.httpStatus,
        fetchedAt: c.fetchedAt,
        mode: c.mode,
        contentType: c.contentType,
        charset: c.charset,
        bodySha256: digests["body"]!,
        headersSha256: digests["headers"]!,
        textSha256: textDigest,
        screenshotSha256: digests["screenshot"] ?? "",
        provenance: JSON.stringify(c.provenance),
      },
      update: {},
    });
    for (const f of page.findings) {
      const fingerprint = fingerprintOf(f, c.url, c.domain);
      const existing = await tx.finding.findUnique({ where: { fingerprint } });
      const common = {
        severity: f.severity,
        score: f.score,
        excerpt: f.excerpt,
        basisLaw: f.basis.law,
        basisArticle: f.basis.article,
        details: JSON.stringify(f.details ?? {}),
        lastSeenAt: c.fetchedAt,
        lastRunId: page.runId,
        captureId: capture.id,
        evidenceDigest: textDigest,
        entityId: page.entityId,
        region: page.region,
      };
      if (!existing) {
        await tx.finding.create({
          data: {
            ...common,
            fingerprint,
            category: f.category,
            rule: f.rule,
            url: c.url,
            domain: c.domain,
            sweep: page.sweep,
            firstSeenAt: c.fetchedAt,
            firstRunId: page.runId,
          },
        });
        outcome.created++;
        continue;
      }
      const reopen = existing.status === "dismissed" && existing.dismissedDigest !== textDigest;
      await tx.finding.update({
        where: { id: existing.id },
        data: { ...common, ...(reopen ? { status: "new" } : {}) },
      });
      if (reopen) {
        outcome.reopened++;
        await audit(tx, {
          actor: "system",
          action: "finding.reopen",
          subjectType: "finding",
          subjectId: existing.id,
          details: {
            reason: "evidence changed after dismissal",
            runId: page.runId,
            evidenceDigest: textDigest,
          },
        });
      } else outcome.updated++;
    }
  });
  return outcome;
}
