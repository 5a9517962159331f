// Validates every row of a register table and reports every problem, not just the first: each
// cell on its own (fields.ts), then across rows (a USCC twice, a domain claimed by two entities),
// naming every line involved.
import type { FileColumn, RegisterField } from "./columns.ts";
import {
  type Checked,
  checkDate,
  checkDomains,
  checkIcp,
  checkKind,
  checkName,
  checkStatus,
  checkText,
  checkUscc,
} from "./fields.ts";
import type { RawRow, RegisterRecord, RegisterTable, RowProblem } from "./types.ts";

export type Validation = {
  /** Valid rows, in file order. */
  records: RegisterRecord[];
  /** Every problem, ordered by line and then by column. */
  problems: RowProblem[];
  /** Number of rows with at least one problem. */
  invalidRows: number;
};

type RowCheck = { row: RawRow; uscc?: string; domains?: string[]; record?: RegisterRecord };

class RowChecker {
  readonly problems: RowProblem[] = [];
  constructor(
    private readonly row: RawRow,
    private readonly labels: ReadonlyMap<RegisterField, string>,
  ) {
    this.problems.push(...row.problems);
  }

  /** Runs a check on a field's cell if the file has that column; undefined if absent or wrong. */
  field<T>(field: RegisterField, check: (text: string) => Checked<T>): T | undefined {
    const text = this.row.values[field];
    if (text === undefined) return undefined;
    const r = check(text);
    if (r.ok) return r.value;
    for (const reason of r.reasons)
      this.problems.push({ line: this.row.line, column: this.labels.get(field)!, reason });
    return undefined;
  }
}

function checkRow(
  row: RawRow,
  labels: ReadonlyMap<RegisterField, string>,
): RowCheck & { problems: RowProblem[] } {
  const c = new RowChecker(row, labels);
  const uscc = c.field("uscc", checkUscc);
  const name = c.field("name", checkName);
  const kind = c.field("kind", checkKind);
  const status = c.field("status", checkStatus);
  const region = c.field("region", (t) => checkText(t, "region"));
  const address = c.field("address", (t) => checkText(t, "address"));
  const domains = c.field("domains", checkDomains);
  const icp = c.field("icp", checkIcp);
  const registeredOn = c.field("registeredOn", (t) => checkDate(t));
  const out: RowCheck & { problems: RowProblem[] } = { row, uscc, domains, problems: c.problems };
  if (c.problems.length === 0 && uscc && name && kind && status) {
    out.record = { line: row.line, uscc, name, kind, status, region, address, domains, icp, registeredOn };
  }
  return out;
}

function groupBy<K>(items: RowCheck[], keys: (c: RowCheck) => K[]): Map<K, RowCheck[]> {
  const groups = new Map<K, RowCheck[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

function duplicateUsccProblems(checks: RowCheck[], label: string): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const [uscc, group] of groupBy(checks, (c) => (c.uscc ? [c.uscc] : []))) {
    if (group.length < 2) continue;
    const lines = group.map((c) => c.row.line);
    for (const c of group) {
      const others = lines.filter((l) => l !== c.row.line);
      const also = `also on ${others.length > 1 ? "lines" : "line"} ${others.join(", ")}`;
      problems.push({
        line: c.row.line,
        column: label,
        reason: `USCC ${uscc} appears more than once: ${also}`,
      });
    }
  }
  return problems;
}

function sharedDomainProblems(checks: RowCheck[], label: string): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const [domain, group] of groupBy(checks, (c) => (c.uscc ? (c.domains ?? []) : []))) {
    if (new Set(group.map((c) => c.uscc)).size < 2) continue;
    for (const c of group) {
      const others = group
        .filter((o) => o.uscc !== c.uscc)
        .map((o) => `line ${o.row.line} (USCC ${o.uscc})`)
        .join(", ");
      problems.push({
        line: c.row.line,
        column: label,
        reason: `domain ${domain} is also claimed by ${others}`,
      });
    }
  }
  return problems;
}

export function sortProblems(problems: RowProblem[], columns: readonly FileColumn[]): RowProblem[] {
  const order = new Map(columns.map((c) => [c.label, c.index]));
  return problems.sort(
    (a, b) => a.line - b.line || (order.get(a.column) ?? 1e9) - (order.get(b.column) ?? 1e9),
  );
}

export function validateTable(table: RegisterTable): Validation {
  const labels = new Map(table.columns.map((c) => [c.field, c.label]));
  const checks = table.rows.map((row) => checkRow(row, labels));
  const problems = checks.flatMap((c) => c.problems);
  problems.push(...duplicateUsccProblems(checks, labels.get("uscc")!));
  if (labels.has("domains")) problems.push(...sharedDomainProblems(checks, labels.get("domains")!));
  const badLines = new Set(problems.map((p) => p.line));
  const records = checks.flatMap((c) => (c.record && !badLines.has(c.row.line) ? [c.record] : []));
  return { records, problems: sortProblems(problems, table.columns), invalidRows: badLines.size };
}
