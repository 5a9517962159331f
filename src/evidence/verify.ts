// `redshield evidence verify`: re-hash every evidence file the database refers to and report any
// that is missing or no longer matches its digest.
import type { Prisma } from "../db/index.ts";
import type { EvidenceStore } from "./store.ts";

export type VerifyReport = {
  checked: number;
  problems: { sha256: string; kind: string; problem: "missing" | "altered" }[];
};

export async function verifyEvidence(
  prisma: Prisma,
  store: EvidenceStore,
  onProgress?: (done: number) => void,
): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, problems: [] };
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.evidence.findMany({
      take: 500,
      orderBy: { sha256: "asc" },
      ...(cursor ? { cursor: { sha256: cursor }, skip: 1 } : {}),
      select: { sha256: true, kind: true },
    });
    if (batch.length === 0) return report;
    for (const e of batch) {
      const result = await store.check(e.sha256);
      report.checked++;
      if (result !== "ok") report.problems.push({ sha256: e.sha256, kind: e.kind, problem: result });
    }
    onProgress?.(report.checked);
    cursor = batch[batch.length - 1]!.sha256;
  }
}
