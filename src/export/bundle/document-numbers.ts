// The 笔录 编号 and the notice 文号 of a lead: drawn once from the gap-free counters (a separate
// counter per document kind and year) the first time the lead is bundled, and kept in the lead's
// `documents` JSON, so a second export prints the same numbers. Drawn and stored in one
// transaction: if another export stored numbers meanwhile, this one rolls back (its numbers with
// it) and reads theirs.
import type { Db } from "../../db/index.ts";
import { nextDocumentNumber } from "../../leads/index.ts";
import { type DocumentSettings, documentNumberText } from "../documents/format.ts";

export type DocumentNumbers = { record: string; notice: string };

export const recordCounter = "extraction_record";
export const noticeCounter = "handover_notice";

type StoredDoc = { number?: unknown };

function parse(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function storedNumbers(documents: Record<string, unknown>): DocumentNumbers | null {
  const record = (documents.extractionRecord as StoredDoc | undefined)?.number;
  const notice = (documents.handoverNotice as StoredDoc | undefined)?.number;
  return typeof record === "string" && typeof notice === "string" ? { record, notice } : null;
}

class Raced extends Error {}

export async function documentNumbersFor(
  db: Db,
  leadId: number,
  settings: DocumentSettings,
  now: Date,
): Promise<DocumentNumbers> {
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  for (let attempt = 0; attempt < 5; attempt++) {
    const lead = await db.prisma.caseLead.findUniqueOrThrow({
      where: { id: leadId },
      select: { documents: true },
    });
    const documents = parse(lead.documents);
    const existing = storedNumbers(documents);
    if (existing) return existing;
    try {
      return await db.prisma.$transaction(async (tx) => {
        const r = await nextDocumentNumber(tx, db.provider, recordCounter, year);
        const n = await nextDocumentNumber(tx, db.provider, noticeCounter, year);
        const numbers = {
          record: documentNumberText(settings.agencyCode, settings.recordWord, year, r),
          notice: documentNumberText(settings.agencyCode, settings.noticeWord, year, n),
        };
        const issuedAt = now.toISOString();
        const next = {
          ...documents,
          extractionRecord: { number: numbers.record, issuedAt },
          handoverNotice: { number: numbers.notice, issuedAt },
        };
        const stored = await tx.caseLead.updateMany({
          where: { id: leadId, documents: lead.documents },
          data: { documents: JSON.stringify(next) },
        });
        if (stored.count !== 1) throw new Raced();
        return numbers;
      });
    } catch (error) {
      if (!(error instanceof Raced)) throw error;
    }
  }
  throw new Error(`lead ${leadId}: could not store its document numbers (too many concurrent exports)`);
}
