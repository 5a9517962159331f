// Gap-free document numbers (线索编号, 文号) per kind and year, drawn inside the caller's
// transaction: if the transaction rolls back, so does the number, so no number is ever skipped.
import type { Prisma, Provider } from "../db/index.ts";

/** A transaction client that can read and bump the counters. */
export type CounterTx = Pick<Prisma, "documentCounter" | "$queryRawUnsafe">;

/** Stable advisory lock key per counter kind, so PostgreSQL transactions take numbers in turn. */
function lockKey(kind: string, year: number): number {
  let h = year;
  for (const c of kind) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

/** The next number of this kind and year (1, 2, 3 …). Call inside a transaction. */
export async function nextDocumentNumber(
  tx: CounterTx,
  provider: Provider,
  kind: string,
  year: number,
): Promise<number> {
  // SQLite serialises write transactions; PostgreSQL needs the lock or two callers could both
  // create the counter row (one would fail on the unique key) or read the same value.
  if (provider === "postgresql") {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${lockKey(kind, year)})::text`);
  }
  const counter = await tx.documentCounter.findUnique({ where: { kind_year: { kind, year } } });
  if (!counter) {
    await tx.documentCounter.create({ data: { kind, year, next: 2 } });
    return 1;
  }
  await tx.documentCounter.update({ where: { id: counter.id }, data: { next: counter.next + 1 } });
  return counter.next;
}

/** 线索编号 as printed: XS-2026-0001. */
export function leadNumberText(year: number, n: number): string {
  return `XS-${year}-${String(n).padStart(4, "0")}`;
}
