// Writes finding records as CSV (UTF-8 with BOM, so Excel reads Chinese right), XLSX or JSON.
// XLSX has two sheets: 线索, one row per finding, and 证据, one row per evidence file of those
// findings. JSON nests each finding's evidence files in its record. CSV is one table, so it stays
// one row per finding (with the digests of its capture). Every CSV and XLSX text cell is neutralised.
//
// Memory stays flat: rows are streamed. The XLSX writer streams each sheet into the zip, and a
// sheet written while an earlier one is still open would be held in memory until that one ends;
// so evidence lines go to a temporary file beside the output while 线索 is written, and are read
// back into 证据 after it.
import crypto from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import {
  type Column,
  type EvidenceLine,
  evidenceColumns,
  evidenceLines,
  findingColumns,
  neutraliseCell,
} from "./columns.ts";
import type { FindingRecord } from "./records.ts";

export type ExportFormat = "csv" | "xlsx" | "json";

export const sheetNames = { findings: "线索", evidence: "证据" } as const;

function csvField(v: string | number): string {
  const s = String(neutraliseCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes a chunk, waiting when the stream's buffer is full (rejects if the stream fails). */
async function put(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

async function close(out: fs.WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

function addSheet<R>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column<R>[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

function cells<R>(columns: Column<R>[], row: R): Record<string, string | number> {
  return Object.fromEntries(columns.map((c) => [c.key, neutraliseCell(c.value(row))]));
}

async function writeXlsx(file: string, records: AsyncIterable<FindingRecord>): Promise<number> {
  let count = 0;
  const spillFile = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${crypto.randomBytes(6).toString("hex")}.evidence.ndjson`,
  );
  const spill = fs.createWriteStream(spillFile, { flags: "wx" });
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    const findings = addSheet(workbook, sheetNames.findings, findingColumns);
    for await (const r of records) {
      findings.addRow(cells(findingColumns, r)).commit();
      for (const line of evidenceLines(r)) await put(spill, `${JSON.stringify(line)}\n`);
      count++;
    }
    findings.commit();
    await close(spill);

    const evidence = addSheet(workbook, sheetNames.evidence, evidenceColumns);
    const lines = readline.createInterface({ input: fs.createReadStream(spillFile), crlfDelay: Infinity });
    for await (const line of lines)
      evidence.addRow(cells(evidenceColumns, JSON.parse(line) as EvidenceLine)).commit();
    evidence.commit();
    await workbook.commit();
    return count;
  } finally {
    // After a failure writes may still be pending: destroying then reports ERR_STREAM_DESTROYED,
    // which must not surface as an uncaught error over the failure that matters.
    spill.on("error", () => {});
    spill.destroy();
    await fs.promises.rm(spillFile, { force: true });
  }
}

export async function writeRecords(
  format: ExportFormat,
  file: string,
  records: AsyncIterable<FindingRecord>,
): Promise<number> {
  if (format === "xlsx") return writeXlsx(file, records);
  let count = 0;
  const out = fs.createWriteStream(file);
  if (format === "json") {
    await put(out, "[");
    for await (const r of records) await put(out, `${count++ ? "," : ""}\n${JSON.stringify(r)}`);
    await put(out, "\n]\n");
  } else {
    await put(out, `\ufeff${findingColumns.map((c) => csvField(c.header)).join(",")}\r\n`);
    for await (const r of records) {
      await put(out, `${findingColumns.map((c) => csvField(c.value(r))).join(",")}\r\n`);
      count++;
    }
  }
  await close(out);
  return count;
}
