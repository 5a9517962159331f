// Records what a crawler concluded about pages: the evidence files, the capture rows and the
// findings, in one transaction per batch of pages. Idempotent: a finding is keyed by its
// fingerprint, so seeing it again (next run, or a retried shard) updates lastSeen instead of
// adding a row. A dismissed finding whose evidence changed comes back for review.
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

type EvidenceRow = { sha256: string; size: number; mediaType: string; kind: string };

/** Writes a capture's files to the store; returns their digests and the Evidence rows they need. */
async function storeFiles(store: EvidenceStore, c: CaptureInput) {
  const files: { kind: string; mediaType: string; data: Uint8Array | string }[] = [
    { kind: "body", mediaType: c.contentType || "application/octet-stream", data: c.body },
    { kind: "headers", mediaType: "application/json", data: JSON.stringify(c.headers, null, 2) },
    { kind: "text", mediaType: "text/plain; charset=utf-8", data: c.text },
  ];
  if (c.screenshot) files.push({ kind: "screenshot", mediaType: "image/png", data: c.screenshot });
  const digests: Record<string, string> = {};
  const rows: EvidenceRow[] = [];
  for (const f of files) {
    const stored = await store.put(f.data);
    digests[f.kind] = stored.sha256;
    rows.push({ sha256: stored.sha256, size: stored.size, mediaType: f.mediaType, kind: f.kind });
  }
  return { digests, rows };
}

/** Records one page; see recordPages. */
export function recordPage(prisma: Prisma, store: EvidenceStore, page: PageRecord): Promise<RecordOutcome> {
  return recordPages(prisma, store, [page]);
}

/**
 * Records several pages in one transaction, with the same outcome as recording them one after
 * the other in the order given: an Evidence row per digest (the first sighting names its kind),
 * one capture per run and URL (the first wins), and each finding created once by fingerprint and
 * updated by every later sighting, reopened when dismissed with other evidence. A few queries per
 * batch instead of several per page. Retried when a concurrent writer inserted the same key first.
 */
export async function recordPages(
  prisma: Prisma,
  store: EvidenceStore,
  pages: readonly PageRecord[],
): Promise<RecordOutcome> {
  const withFindings = pages.filter((p) => p.findings.length > 0);
  if (withFindings.length === 0) return { created: 0, updated: 0, reopened: 0 };
  // Files first, outside the transaction: they are content-addressed and written once, so a
  // crash before the rows are committed leaves only unreferenced files.
  const files = await Promise.all(withFindings.map((p) => storeFiles(store, p.capture)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction((tx) => writeRows(tx, withFindings, files), { timeout: 60_000 });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002" || attempt >= 3) throw error;
    }
  }
}

type Tx = Parameters<Parameters<Prisma["$transaction"]>[0]>[0];
type Many<T> = T extends readonly (infer E)[] ? E : T;
type NewCapture = Many<NonNullable<Parameters<Tx["pageCapture"]["createMany"]>[0]>["data"]>;
type NewFinding = Many<NonNullable<Parameters<Tx["finding"]["createMany"]>[0]>["data"]>;
type FindingRow = { id: number; status: string; dismissedDigest: string };

async function writeRows(
  tx: Tx,
  pages: readonly PageRecord[],
  files: { digests: Record<string, string>; rows: EvidenceRow[] }[],
): Promise<RecordOutcome> {
  const outcome: RecordOutcome = { created: 0, updated: 0, reopened: 0 };

  const evidence = new Map<string, EvidenceRow>();
  for (const f of files) for (const r of f.rows) if (!evidence.has(r.sha256)) evidence.set(r.sha256, r);
  const knownEvidence = await tx.evidence.findMany({
    where: { sha256: { in: [...evidence.keys()] } },
    select: { sha256: true },
  });
  for (const r of knownEvidence) evidence.delete(r.sha256);
  if (evidence.size > 0) await tx.evidence.createMany({ data: [...evidence.values()] });

  // Captures, keyed by run and URL.
  const captureIds = new Map<string, number>();
  const captureKey = (runId: number, url: string) => `${runId}\n${url}`;
  for (const runId of new Set(pages.map((p) => p.runId))) {
    const ofRun = pages.map((p, i) => ({ p, i })).filter(({ p }) => p.runId === runId);
    const known = await tx.pageCapture.findMany({
      where: { runId, url: { in: ofRun.map(({ p }) => p.capture.url) } },
      select: { id: true, url: true },
    });
    for (const k of known) captureIds.set(captureKey(runId, k.url), k.id);
    const missing = new Map<string, NewCapture>();
    for (const { p, i } of ofRun) {
      const c = p.capture;
      const key = captureKey(runId, c.url);
      if (captureIds.has(key) || missing.has(key)) continue;
      const d = files[i]!.digests;
      missing.set(key, {
        runId,
        url: c.url,
        finalUrl: c.finalUrl,
        domain: c.domain,
        httpStatus: c.httpStatus,
        fetchedAt: c.fetchedAt,
        mode: c.mode,
        contentType: c.contentType,
        charset: c.charset,
        bodySha256: d["body"]!,
        headersSha256: d["headers"]!,
        textSha256: d["text"]!,
        screenshotSha256: d["screenshot"] ?? "",
        provenance: JSON.stringify(c.provenance),
      });
    }
    if (missing.size > 0) {
      const created = await tx.pageCapture.createManyAndReturn({
        data: [...missing.values()],
        select: { id: true, url: true },
      });
      for (const k of created) captureIds.set(captureKey(runId, k.url), k.id);
    }
  }

  // Findings, in order: the first sighting of a fingerprint creates it (or updates the stored
  // row), every later one in the batch updates it, exactly as page-by-page recording would.
  const fingerprints = pages.flatMap((p) =>
    p.findings.map((f) => fingerprintOf(f, p.capture.url, p.capture.domain)),
  );
  const stored = new Map<string, FindingRow>();
  for (const r of await tx.finding.findMany({
    where: { fingerprint: { in: [...new Set(fingerprints)] } },
    select: { id: true, fingerprint: true, status: true, dismissedDigest: true },
  }))
    stored.set(r.fingerprint, r);
  const creates = new Map<string, NewFinding>();
  const updates: { id: number; data: Record<string, unknown> }[] = [];
  const reopens: { id: number; runId: number; digest: string }[] = [];
  let n = 0;
  pages.forEach((page, i) => {
    const c = page.capture;
    const textDigest = files[i]!.digests["text"]!;
    for (const f of page.findings) {
      const fingerprint = fingerprints[n++]!;
      const common = {
        severity: f.severity,
        score: f.score,
        excerpt: f.excerpt,
        basisLaw: f.basis.law,
        basisArticle: f.basis.article,
        details: JSON.stringify(f.details ?? {}),
        lastSeenAt: c.fetchedAt,
        lastRunId: page.runId,
        captureId: captureIds.get(captureKey(page.runId, c.url))!,
        evidenceDigest: textDigest,
        entityId: page.entityId,
        region: page.region,
      };
      const pending = creates.get(fingerprint);
      if (pending) {
        Object.assign(pending, common);
        outcome.updated++;
        continue;
      }
      const existing = stored.get(fingerprint);
      if (!existing) {
        creates.set(fingerprint, {
          ...common,
          fingerprint,
          category: f.category,
          rule: f.rule,
          url: c.url,
          domain: c.domain,
          sweep: page.sweep,
          firstSeenAt: c.fetchedAt,
          firstRunId: page.runId,
        });
        outcome.created++;
        continue;
      }
      const reopen = existing.status === "dismissed" && existing.dismissedDigest !== textDigest;
      updates.push({ id: existing.id, data: { ...common, ...(reopen ? { status: "new" } : {}) } });
      if (reopen) {
        existing.status = "new";
        reopens.push({ id: existing.id, runId: page.runId, digest: textDigest });
        outcome.reopened++;
      } else outcome.updated++;
    }
  });
  if (creates.size > 0) await tx.finding.createMany({ data: [...creates.values()] });
  for (const u of updates) await tx.finding.update({ where: { id: u.id }, data: u.data });
  for (const r of reopens) {
    await audit(tx, {
      actor: "system",
      action: "finding.reopen",
      subjectType: "finding",
      subjectId: r.id,
      details: { reason: "evidence changed after dismissal", runId: r.runId, evidenceDigest: r.digest },
    });
  }
  return outcome;
}
