// The register import use case: parse the file → validate every row (alone, across rows, and
// against domains other entities hold) → plan creates and updates against the stored register →
// write everything in one transaction. A file with invalid rows is rejected whole unless the
// caller asks to skip them; a dry run stops before writing. Importing the same file twice changes
// nothing the second time.
import path from "node:path";
import type { Db } from "../db/index.ts";
import { bulkFor } from "./bulk.ts";
import { parseRegisterFile } from "./parse.ts";
import { type ImportPlan, planImport } from "./plan.ts";
import { loadByUscc, websiteHolders, writePlan } from "./store.ts";
import type { RegisterRecord, RegisterTable, RowProblem } from "./types.ts";
import { sortProblems, validateTable } from "./validate.ts";

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
) {
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

/** Validates a parsed table and imports it (see the file comment). */
export async function importRegisterTable(
  db: Db,
  table: RegisterTable,
  options: ImportOptions,
): Promise<ImportReport> {
  const total = table.rows.length;
  const validation = validateTable(table);
  const conflicts = await domainsHeldElsewhere(db, validation.records, table);
  const problems = sortProblems([...validation.problems, ...conflicts], table.columns);
  const badLines = new Set(conflicts.map((p) => p.line));
  const records = validation.records.filter((r) => !badLines.has(r.line));
  options.onProgress?.({ phase: "validated", rows: total, total });
  if (problems.length > 0 && !options.skipInvalid) return report(table, "rejected", null, problems);

  const existing = await loadByUscc(
    bulkFor(db.prisma, db.provider),
    records.map((r) => r.uscc),
  );
  const plan = planImport(records, existing);
  if (options.dryRun) return report(table, "checked", plan, problems);

  const done = report(table, "imported", plan, problems);
  const toWrite = plan.creates.length + plan.updates.length;
  let written = 0;
  await writePlan(db, plan, {
    provider: db.provider,
    actor: options.actor,
    source: path.basename(table.source),
    onWritten: (n) => {
      written += n;
      options.onProgress?.({ phase: "written", rows: written, total: toWrite });
    },
    summary: {
      file: table.source,
      rows: done.rows,
      created: done.created,
      updated: done.updated,
      unchanged: done.unchanged,
      invalid: done.invalid,
      skippedLines: [...new Set(problems.map((p) => p.line))],
    },
  });
  return done;
}

/** Reads a register file (CSV or XLSX) and imports it. Unreadable files throw an InputError. */
export async function importRegister(db: Db, file: string, options: ImportOptions): Promise<ImportReport> {
  const table = await parseRegisterFile(file);
  options.onProgress?.({ phase: "parsed", rows: table.rows.length, total: table.rows.length });
  return importRegisterTable(db, table, options);
}
