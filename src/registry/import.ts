// The register import use case: parse the file → validate every row (alone, across rows, and
// against domains other entities hold) → plan creates and updates against the stored register →
// write everything in one transaction. A file with invalid rows is rejected whole unless the
// caller asks to skip them; a dry run stops before writing. Importing the same file twice changes
// nothing the second time.
import path from "node:path";
import type { Db } from "../db/index.ts";
import { type Bulk, bulkFor } from "./bulk.ts";
import { parseRegisterFile } from "./parse.ts";
import { type ImportPlan, planImport } from "./plan.ts";
import { loadByUscc, websiteHolders } from "./existing.ts";
import type { RegisterRecord, RegisterTable, RowProblem } from "./types.ts";
import { sortProblems, validateTable } from "./validate.ts";
import { inRegisterTransaction, writePlan } from "./write.ts";

export type ImportPhase = "parsed" | "validated" | "written";
/** Rows done so far in a phase, out of the total for that phase. */
export type ImportProgress = { phase: ImportPhase; rows: number; total: number };

export type ImportOptions = {
  /** Recorded in the audit log as who made the changes. */
  actor: string;
  /** Import the valid rows and report the others, instead of rejecting the file. */
  skipInvalid?: boolean;
  /** Validate and plan only; write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

/**
 * imported: written; rejected: invalid rows and no --skip-invalid, nothing written;
 * checked: a dry run, nothing written (the counts say what an import would do).
 */
export type ImportOutcome = "imported" | "rejected" | "checked";

export type ImportReport = {
  source: string;
  outcome: ImportOutcome;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  problems: RowProblem[];
};

/** A domain may belong to one entity's website: refuse rows that take one from an entity not in the file. */
async function domainsHeldElsewhere(
  db: Db,
  records: RegisterRecord[],
  table: RegisterTable,
): Promise<RowProblem[]> {
  const label = table.columns.find((c) => c.field === "domains")?.label;
  if (!label) return [];
  const inFile = new Set(records.map((r) => r.uscc));
  const claimant = new Map(records.flatMap((r) => (r.domains ?? []).map((d) => [d, r] as const)));
  const holders = await websiteHolders(bulkFor(db.prisma, db.provider), [...claimant.keys()]);
  return holders.flatMap((h) => {
    const r = claimant.get(h.domain)!;
    if (h.uscc === r.uscc || inFile.has(h.uscc)) return [];
    const reason = `domain ${h.domain} belongs to USCC ${h.uscc} (${h.name}) in the register, and that entity is not in this file`;
    return [{ line: r.line, column: label, reason }];
  });
}

function report(
  table: RegisterTable,
  outcome: ImportOutcome,
  plan: ImportPlan | null,
  problems: RowProblem[],
): ImportReport {
  return {
    source: table.source,
    outcome,
    rows: table.rows.length,
    created: plan?.creates.length ?? 0,
    updated: plan?.updates.length ?? 0,
    unchanged: plan?.unchanged ?? 0,
    invalid: new Set(problems.map((p) => p.line)).size,
    problems,
  };
}

/** Every row checked alone, across rows and against domains held in the register. */
async function checkRows(
  db: Db,
  table: RegisterTable,
): Promise<{ records: RegisterRecord[]; problems: RowProblem[] }> {
  const validation = validateTable(table);
  const conflicts = await domainsHeldElsewhere(db, validation.records, table);
  const badLines = new Set(conflicts.map((p) => p.line));
  return {
    records: validation.records.filter((r) => !badLines.has(r.line)),
    problems: sortProblems([...validation.problems, ...conflicts], table.columns),
  };
}

async function planFor(bulk: Bulk, records: RegisterRecord[]): Promise<ImportPlan> {
  return planImport(
    records,
    await loadByUscc(
      bulk,
      records.map((r) => r.uscc),
    ),
  );
}

/** Validates a parsed table and imports it (see the file comment). */
export async function importRegisterTable(
  db: Db,
  table: RegisterTable,
  options: ImportOptions,
): Promise<ImportReport> {
  const { records, problems } = await checkRows(db, table);
  options.onProgress?.({ phase: "validated", rows: table.rows.length, total: table.rows.length });
  if (problems.length > 0 && !options.skipInvalid) return report(table, "rejected", null, problems);
  if (options.dryRun)
    return report(table, "checked", await planFor(bulkFor(db.prisma, db.provider), records), problems);

  // Planned inside the transaction, so that what it compares with is what it writes over.
  return inRegisterTransaction(db, async (tx) => {
    const plan = await planFor(tx.bulk, records);
    const done = report(table, "imported", plan, problems);
    const toWrite = plan.creates.length + plan.updates.length;
    let written = 0;
    await writePlan(tx, plan, {
      actor: options.actor,
      source: path.basename(table.source),
      onWritten: (n) => {
        written += n;
        options.onProgress?.({ phase: "written", rows: written, total: toWrite });
      },
      summary: {
        file: table.source,
        counts: { rows: done.rows, created: done.created, updated: done.updated, unchanged: done.unchanged },
        invalid: done.invalid,
        skippedLines: [...new Set(problems.map((p) => p.line))],
      },
    });
    return done;
  });
}

/** Reads a register file (CSV or XLSX) and imports it. Unreadable files throw an InputError. */
export async function importRegister(db: Db, file: string, options: ImportOptions): Promise<ImportReport> {
  const table = await parseRegisterFile(file);
  options.onProgress?.({ phase: "parsed", rows: table.rows.length, total: table.rows.length });
  return importRegisterTable(db, table, options);
}
