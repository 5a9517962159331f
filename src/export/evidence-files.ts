// The evidence files behind findings: which files a page capture has (page bytes as fetched,
// response headers, extracted text, screenshot), and what the evidence table knows of each (size,
// media type). Shared by the findings export (its 证据 sheet and JSON) and the evidence bundle, so
// both list the same files.
import type { Prisma } from "../db/index.ts";
import { EvidenceStore } from "../evidence/index.ts";

export type EvidenceKind = "body" | "headers" | "text" | "screenshot";

/** The order files of one capture are listed in everywhere. */
export const evidenceKinds: readonly EvidenceKind[] = ["body", "headers", "text", "screenshot"];

export type CaptureDigests = {
  bodySha256: string;
  headersSha256: string;
  textSha256: string;
  screenshotSha256: string;
};

/** The capture's files in kind order; a kind it has no file of (no screenshot, …) is left out. */
export function captureFiles(c: CaptureDigests): { kind: EvidenceKind; sha256: string }[] {
  const byKind: Record<EvidenceKind, string> = {
    body: c.bodySha256,
    headers: c.headersSha256,
    text: c.textSha256,
    screenshot: c.screenshotSha256,
  };
  return evidenceKinds.filter((kind) => byKind[kind]).map((kind) => ({ kind, sha256: byKind[kind] }));
}

export type EvidenceRow = { mediaType: string; size: number };

// SQLite binds at most 999 parameters per statement.
const slice = 500;

/** The evidence rows of these digests, read in slices; a digest with no row is absent. */
export async function evidenceRows(
  prisma: Pick<Prisma, "evidence">,
  digests: Iterable<string>,
): Promise<Map<string, EvidenceRow>> {
  const wanted = [...new Set([...digests].filter(Boolean))];
  const rows = new Map<string, EvidenceRow>();
  for (let i = 0; i < wanted.length; i += slice) {
    const found = await prisma.evidence.findMany({
      where: { sha256: { in: wanted.slice(i, i + slice) } },
      select: { sha256: true, mediaType: true, size: true },
    });
    for (const e of found) rows.set(e.sha256, { mediaType: e.mediaType, size: e.size });
  }
  return rows;
}

const layout = new EvidenceStore("");

/** Where the file lives inside the evidence store (REDSHIELD_EVIDENCE_DIR), e.g. ab/cd/abcd…. */
export function storePathOf(sha256: string): string {
  return layout.pathOf(sha256);
}
