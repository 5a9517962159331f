// Writes finding records as CSV (UTF-8 with BOM, so Excel reads Chinese right), XLSX or JSON.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { findingColumns, neutraliseCell } from "./columns.ts";
import type { FindingRecord } from "./records.ts";

export type ExportFormat = "csv" | "xlsx" | "json";

function csvField(v: string | number): string {
  const s = String(neutraliseCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export async function writeRecords(
  format: ExportFormat,
  file: string,
  records: AsyncIterable<FindingRecord>,
): Promise<number> {
  let count = 0;
  if (format === "json") {
    const out = fs.createWriteStream(file);
    out.write("[");
    for await (const r of records) out.write(`${count++ ? "," : ""}\n${JSON.stringify(r)}`);
    out.write("\n]\n");
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return count;
  }
  if (format === "csv") {
    const out = fs.createWriteStream(file);
    out.write(`\ufeff${findingColumns.map((c) => csvField(c.header)).join(",")}\r\n`);
    for await (const r of records) {
      out.write(`${findingColumns.map((c) => csvField(c.value(r))).join(",")}\r\n`);
      count++;
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const sheet = workbook.addWorksheet("线索");
  sheet.columns = findingColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for await (const r of records) {
    sheet.addRow(Object.fromEntries(findingColumns.map((c) => [c.key, neutraliseCell(c.value(r))]))).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
