// The evidence bundle of one or more case leads: a zip holding every evidence file of the leads'
// findings (bytes as fetched, headers, text, screenshots), per lead the 电子数据证据提取笔录 and
// the 线索交办通知书 as PDF (Chromium), and a manifest with each file's path, SHA-256, capture
// time, lead and findings. Every evidence file is re-hashed twice, before the documents are made
// and again while it is copied into the zip; if one no longer matches its digest the bundle is
// refused, naming the file, and nothing is written or handed over. Files are streamed one at a
// time, so memory does not grow with evidence size.
//
// writeBundle() only writes. exportBundle() is the use case: write to a file (atomically), then
// hand each confirmed lead over (交办, through src/leads so its findings follow and it is audited),
// keep the document digests with the lead, and audit the export.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { audit } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { RefusedError } from "../errors.ts";
import type { EvidenceStore } from "../evidence/index.ts";
import { advanceLead } from "../leads/index.ts";
import { logger } from "../log.ts";
import { version } from "../version.ts";
import { type DocumentNumbers, documentNumbersFor } from "./bundle/document-numbers.ts";
import { type EvidenceFile, type LeadFacts, loadLeadFacts } from "./bundle/lead-facts.ts";
import {
  type Manifest,
  type ManifestFile,
  type ManifestLead,
  manifestCsv,
  manifestLead,
  readmeText,
  sha256Sums,
} from "./bundle/manifest.ts";
import { ZipWriter } from "./bundle/zip-writer.ts";
import { extractionRecordHtml, recordFooter } from "./documents/extraction-record.ts";
import type { DocumentSettings } from "./documents/format.ts";
import { handoverNoticeHtml, noticeFooter } from "./documents/handover-notice.ts";
import { openPdfRenderer, type PdfRenderer } from "./documents/pdf.ts";

export { type DocumentSettings, documentSettings } from "./documents/format.ts";
export { openPdfRenderer, type PdfRenderer } from "./documents/pdf.ts";

const log = logger("export");

export type BundleInput = {
  leadIds: number[];
  /** Who exports: a user name, or cliActor(). */
  actor: string;
  store: EvidenceStore;
  /** Bureau name and the per-province wording; see documentSettings(). */
  settings: DocumentSettings;
  now?: Date;
  /** A Chromium to render with (kept open by the caller); default: one launched for this bundle. */
  renderer?: PdfRenderer;
};

export type BundleLeadResult = {
  id: number;
  number: string;
  findings: number[];
  evidenceFiles: number;
  documents: ManifestLead["documents"];
  /** Whether this export moved the lead from confirmed to handed_over. */
  handedOver: boolean;
};

export type BundleResult = {
  leads: BundleLeadResult[];
  /** Entries in the zip. */
  files: number;
  bytes: number;
  manifestSha256: string;
};

/** Evidence that is missing or no longer matches its digest: the bundle is refused. */
export class EvidenceIntegrityError extends RefusedError {
  constructor(
    readonly problem: "missing" | "altered",
    readonly file: EvidenceFile,
    readonly storePath: string,
    readonly lead: { id: number; number: string },
  ) {
    const what = problem === "missing" ? "is missing" : "no longer matches its SHA-256";
    super(
      `refused: evidence file ${storePath} (${file.kind} of capture ${file.captureId}, bundled as ${file.path}, lead ${lead.number}, findings ${file.findingIds.join(", ")}) ${what} ${file.sha256}; altered evidence is not exported (see \`redshield evidence verify\`)`,
      `拒绝导出证据包：线索 ${lead.number} 的证据文件 ${file.path}（存储位置 ${storePath}）${problem === "missing" ? "缺失" : "与登记的 SHA-256 校验值不一致，可能已被篡改"}。请联系管理员核查（redshield evidence verify）。`,
    );
  }
}

async function hashFile(file: string): Promise<{ sha256: string; size: number } | null> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return { sha256: hash.digest("hex"), size };
}

/** First pass: every file of the lead is present and matches its digest; records its real size. */
async function checkEvidence(store: EvidenceStore, lead: LeadFacts): Promise<void> {
  for (const file of lead.captures.flatMap((c) => c.files)) {
    const storePath = store.pathOf(file.sha256);
    const found = await hashFile(storePath);
    if (!found) throw new EvidenceIntegrityError("missing", file, storePath, lead);
    if (found.sha256 !== file.sha256) throw new EvidenceIntegrityError("altered", file, storePath, lead);
    file.size = found.size;
  }
}

/** Second pass: copy into the zip, hashing on the way; a file changed since the first pass refuses. */
async function addEvidence(zip: ZipWriter, store: EvidenceStore, lead: LeadFacts, file: EvidenceFile) {
  const storePath = store.pathOf(file.sha256);
  const hash = crypto.createHash("sha256");
  const stream = fs.createReadStream(storePath);
  try {
    await zip.add(file.path, stream, {
      mtime: file.capturedAt,
      compress: file.kind !== "screenshot",
      onChunk: (chunk) => hash.update(chunk),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new EvidenceIntegrityError("missing", file, storePath, lead);
    throw error;
  } finally {
    stream.destroy();
  }
  if (hash.digest("hex") !== file.sha256) throw new EvidenceIntegrityError("altered", file, storePath, lead);
}

const sha256 = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");

type Rendered = { record: Buffer; notice: Buffer; numbers: DocumentNumbers };

async function renderDocuments(
  renderer: PdfRenderer,
  lead: LeadFacts,
  settings: DocumentSettings,
  numbers: DocumentNumbers,
  issuedAt: Date,
): Promise<Rendered> {
  const input = { lead, settings, numbers, issuedAt };
  const record = await renderer.render(extractionRecordHtml(input), recordFooter);
  const notice = await renderer.render(
    handoverNoticeHtml({ ...input, recordSha256: sha256(record) }),
    noticeFooter,
  );
  return { record, notice, numbers };
}

/**
 * Documents of lead i, rendered up to two leads ahead of the one being written: Chromium renders
 * two pages at once faster than one after the other, and at most two leads' PDFs wait in memory.
 */
function renderAhead(
  count: number,
  render: (i: number) => Promise<Rendered>,
): (i: number) => Promise<Rendered> {
  const pending = new Map<number, Promise<Rendered>>();
  const start = (i: number) => {
    if (i >= count || pending.has(i)) return;
    const p = render(i);
    p.catch(() => {}); // reported when awaited; never an unhandled rejection meanwhile
    pending.set(i, p);
  };
  return async (i) => {
    start(i);
    start(i + 1);
    const p = pending.get(i)!;
    pending.delete(i);
    return p;
  };
}

/** Writes the bundle of the leads to `out` and ends it. Draws document numbers; changes nothing else. */
export async function writeBundle(db: Db, out: Writable, input: BundleInput): Promise<BundleResult> {
  const leadIds = [...new Set(input.leadIds)];
  if (leadIds.length === 0) throw new RefusedError("refused: no leads to bundle", "没有可导出的线索");
  const now = input.now ?? new Date();
  let ownRenderer: PdfRenderer | null = null;
  const zip = new ZipWriter(out);
  const files: ManifestFile[] = [];
  const leads: ManifestLead[] = [];
  const results: BundleLeadResult[] = [];
  try {
    // Every lead's evidence passes its first check before any number is drawn or Chromium starts.
    const facts: LeadFacts[] = [];
    for (const leadId of leadIds) {
      const lead = await loadLeadFacts(db, leadId);
      if (!lead.assignedUnit.trim()) {
        throw new RefusedError(
          `refused: lead ${lead.number} has no 承办单位; set one before handing it over`,
          `线索 ${lead.number} 尚未确定承办单位，请先填写承办单位再导出证据包`,
        );
      }
      await checkEvidence(input.store, lead);
      facts.push(lead);
    }
    const numbersOf = facts.map((l) => l.number);
    const numbers: DocumentNumbers[] = [];
    for (const lead of facts) numbers.push(await documentNumbersFor(db, lead.id, input.settings, now));
    if (!input.renderer) ownRenderer = await openPdfRenderer();
    const renderer = (input.renderer ?? ownRenderer)!;
    const rendered = renderAhead(facts.length, (i) =>
      renderDocuments(renderer, facts[i]!, input.settings, numbers[i]!, now),
    );

    for (const [i, lead] of facts.entries()) {
      const docs = await rendered(i);
      const documents = {
        extractionRecord: { number: docs.numbers.record, sha256: sha256(docs.record) },
        handoverNotice: { number: docs.numbers.notice, sha256: sha256(docs.notice) },
      };
      const findingIds = lead.findings.map((f) => f.id);
      for (const [kind, name, bytes, number] of [
        ["extraction_record", "extraction-record.pdf", docs.record, docs.numbers.record],
        ["handover_notice", "handover-notice.pdf", docs.notice, docs.numbers.notice],
      ] as const) {
        const entryPath = `${lead.number}/${name}`;
        await zip.add(entryPath, bytes, { mtime: now, compress: false });
        files.push({
          path: entryPath,
          sha256: sha256(bytes),
          size: bytes.length,
          kind,
          mediaType: "application/pdf",
          capturedAt: now.toISOString(),
          lead: lead.number,
          findings: findingIds,
          captureId: null,
          url: null,
          documentNumber: number,
        });
      }
      let evidenceFiles = 0;
      for (const capture of lead.captures) {
        for (const file of capture.files) {
          await addEvidence(zip, input.store, lead, file);
          evidenceFiles++;
          files.push({
            path: file.path,
            sha256: file.sha256,
            size: file.size,
            kind: file.kind,
            mediaType: file.mediaType,
            capturedAt: file.capturedAt.toISOString(),
            lead: lead.number,
            findings: file.findingIds,
            captureId: file.captureId,
            url: capture.url,
          });
        }
      }
      leads.push(manifestLead(lead, documents));
      results.push({
        id: lead.id,
        number: lead.number,
        findings: findingIds,
        evidenceFiles,
        documents,
        handedOver: false,
      });
    }

    const manifest: Manifest = {
      format: "redshield-evidence-bundle",
      version: 1,
      bureau: input.settings.bureauName,
      createdAt: now.toISOString(),
      createdBy: input.actor,
      tool: `redshield ${version}`,
      renderer: renderer.version,
      hashAlgorithm: "SHA-256",
      leads,
      files,
    };
    const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const csv = Buffer.from(manifestCsv(files));
    const readme = Buffer.from(
      readmeText({
        bureau: input.settings.bureauName,
        createdAt: now,
        createdBy: input.actor,
        leads: numbersOf,
      }),
    );
    const own = [
      { path: "README.txt", data: readme },
      { path: "manifest.json", data: json },
      { path: "manifest.csv", data: csv },
    ];
    for (const o of own) await zip.add(o.path, o.data, { mtime: now });
    const sums = sha256Sums([...files, ...own.map((o) => ({ path: o.path, sha256: sha256(o.data) }))]);
    await zip.add("SHA256SUMS", Buffer.from(sums), { mtime: now });
    const bytes = await zip.finish();
    out.end();
    await finished(out);
    return { leads: results, files: files.length + own.length + 1, bytes, manifestSha256: sha256(json) };
  } catch (error) {
    out.destroy();
    throw error;
  } finally {
    await ownRenderer?.close();
  }
}

/** Moves a confirmed lead to handed_over (its findings follow; audited by src/leads). */
async function handOver(db: Db, leadId: number, actor: string, now: Date): Promise<boolean> {
  const lead = await db.prisma.caseLead.findUniqueOrThrow({
    where: { id: leadId },
    select: { status: true },
  });
  if (lead.status !== "confirmed") return false;
  try {
    await advanceLead(db, { leadId, to: "handed_over", actor, now });
    return true;
  } catch (error) {
    // Someone handed it over meanwhile: that is the state we wanted.
    const again = await db.prisma.caseLead.findUniqueOrThrow({
      where: { id: leadId },
      select: { status: true },
    });
    if (error instanceof RefusedError && again.status !== "confirmed") return false;
    throw error;
  }
}

async function recordBundle(db: Db, input: BundleInput, file: string, result: BundleResult, now: Date) {
  for (const lead of result.leads) {
    lead.handedOver = await handOver(db, lead.id, input.actor, now);
    await db.prisma.$transaction(async (tx) => {
      const row = await tx.caseLead.findUniqueOrThrow({
        where: { id: lead.id },
        select: { documents: true },
      });
      let documents: Record<string, Record<string, unknown>> = {};
      try {
        documents = JSON.parse(row.documents) as typeof documents;
      } catch {}
      const at = now.toISOString();
      await tx.caseLead.update({
        where: { id: lead.id },
        data: {
          documents: JSON.stringify({
            ...documents,
            extractionRecord: {
              ...documents.extractionRecord,
              ...lead.documents.extractionRecord,
              pdfAt: at,
            },
            handoverNotice: { ...documents.handoverNotice, ...lead.documents.handoverNotice, pdfAt: at },
            bundle: { at, by: input.actor, manifestSha256: result.manifestSha256, bytes: result.bytes },
          }),
        },
      });
      await audit(tx, {
        actor: input.actor,
        action: "export.bundle",
        subjectType: "lead",
        subjectId: lead.id,
        details: {
          number: lead.number,
          file: path.basename(file),
          leads: result.leads.map((l) => l.number),
          findings: lead.findings,
          evidenceFiles: lead.evidenceFiles,
          files: result.files,
          bytes: result.bytes,
          manifestSha256: result.manifestSha256,
          extractionRecord: lead.documents.extractionRecord,
          handoverNotice: lead.documents.handoverNotice,
          handedOver: lead.handedOver,
        },
      });
    });
  }
}

/**
 * Writes the bundle to `file` (through a temporary file beside it, renamed when complete, so a
 * refused or failed bundle leaves nothing), then hands the confirmed leads over and audits the
 * export. A refusal for altered evidence is audited too.
 */
export async function exportBundle(db: Db, file: string, input: BundleInput): Promise<BundleResult> {
  const now = input.now ?? new Date();
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${crypto.randomBytes(6).toString("hex")}.partial`,
  );
  let result: BundleResult;
  try {
    result = await writeBundle(db, fs.createWriteStream(tmp, { flags: "wx" }), { ...input, now });
    await fs.promises.rename(tmp, file);
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    if (error instanceof EvidenceIntegrityError) {
      log.warn("evidence bundle refused: evidence file failed its digest check", {
        lead: error.lead.number,
        file: error.storePath,
        problem: error.problem,
      });
      await audit(db.prisma, {
        actor: input.actor,
        action: "export.bundle_refused",
        subjectType: "lead",
        subjectId: error.lead.id,
        details: {
          number: error.lead.number,
          problem: error.problem,
          sha256: error.file.sha256,
          storePath: error.storePath,
          path: error.file.path,
        },
      });
    }
    throw error;
  }
  await recordBundle(db, input, file, result, now);
  return result;
}
