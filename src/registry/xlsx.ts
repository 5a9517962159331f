// XLSX registers through exceljs: the first worksheet, row 1 the header. Cells become text the way
// staff see them: dates as YYYY-MM-DD, hyperlinks and rich text as their text, formulas as their
// result. A number too long to be exact (an all-digit USCC typed into a number cell) is flagged.
import ExcelJS from "exceljs";
import { type GridRow, UnreadableFileError } from "./grid.ts";

type CellText = { text: string; problem?: string };

function dateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function numberText(n: number): CellText {
  if (Number.isInteger(n) && Math.abs(n) > Number.MAX_SAFE_INTEGER) {
    return {
      text: String(n),
      problem: `stored as a number (${n}) so its digits are not exact; format the column as text`,
    };
  }
  return { text: String(n) };
}

function objectText(v: Record<string, unknown>): CellText {
  if (Array.isArray(v.richText)) {
    return { text: (v.richText as { text?: string }[]).map((r) => r.text ?? "").join("") };
  }
  if ("text" in v) return cellText(v.text as ExcelJS.CellValue);
  if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
  if ("error" in v) return { text: String(v.error), problem: `the cell holds the error ${String(v.error)}` };
  return { text: "" };
}

function cellText(v: ExcelJS.CellValue | undefined): CellText {
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "string") return { text: v };
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return { text: String(v) };
  if (v instanceof Date) return { text: dateText(v) };
  return objectText(v as unknown as Record<string, unknown>);
}

function gridRow(row: ExcelJS.Row, line: number): GridRow {
  const values = row.values as ExcelJS.CellValue[];
  const out: GridRow = { line, cells: [] };
  for (let i = 1; i < values.length; i++) {
    const { text, problem } = cellText(values[i]);
    out.cells.push(text);
    if (problem && !out.problem) out.problem = { cellIndex: i - 1, reason: problem };
  }
  return out;
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip)
    throw new UnreadableFileError("not an XLSX workbook (an XLSX file is a zip archive; this is not one)");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new UnreadableFileError(`corrupt XLSX workbook: ${(error as Error).message}`);
  }
  return workbook;
}

export async function readXlsxGrid(bytes: Uint8Array): Promise<GridRow[]> {
  const workbook = await loadWorkbook(bytes);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError("the XLSX workbook has no worksheet");
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const r = gridRow(row, line);
    if (r.cells.some((c) => c.trim() !== "")) rows.push(r);
  });
  return rows;
}

/** Writes rows of text as an XLSX file with one worksheet; every cell is stored as text. */
export async function writeXlsx(
  file: string,
  sheetName: string,
  rows: AsyncIterable<string[]>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  for await (const cells of rows) sheet.addRow(cells).commit();
  sheet.commit();
  await workbook.commit();
}
