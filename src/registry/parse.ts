// Reads a register file (CSV in UTF-8 or GBK, or XLSX) into rows of text keyed by field, each with
// its file line. Problems that make the whole file unreadable (encoding, unknown or missing
// headers, no rows, broken quoting, corrupt workbook) throw an InputError naming file and line;
// problems confined to one row travel with that row so that --skip-invalid can leave it out.
import fs from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.ts";
import { type FileColumn, resolveHeader } from "./columns.ts";
import { CsvSyntaxError, parseCsv } from "./csv.ts";
import { decodeRegisterText, EncodingError } from "./decode.ts";
import { type GridRow, UnreadableFileError } from "./grid.ts";
import type { RawRow, RegisterTable, RowProblem } from "./types.ts";
import { readXlsxGrid } from "./xlsx.ts";

export type RegisterFormat = "csv" | "xlsx";

export function formatOfFile(file: string): RegisterFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new InputError(
    `${file}: unsupported file type "${ext || "(none)"}"; a register is a .csv or .xlsx file`,
    `${file}：不支持的文件类型，名册应为 .csv 或 .xlsx 文件`,
  );
}

function fileError(source: string, message: string, line?: number): InputError {
  const where = line === undefined ? source : `${source}:${line}`;
  return new InputError(`${where}: ${message}`, `${where}：名册文件无法读取：${message}`);
}

function widthProblem(
  row: GridRow,
  columns: FileColumn[],
  headerWidth: number,
  strict: boolean,
): RowProblem | null {
  const width = row.cells.length;
  const extra = row.cells.findIndex((c, i) => i >= headerWidth && c.trim() !== "");
  if (extra >= 0) {
    return {
      line: row.line,
      column: `#${extra + 1}`,
      reason: `row has ${width} fields but the header has ${headerWidth}`,
    };
  }
  if (strict && width < headerWidth) {
    const missing = columns.find((c) => c.index >= width);
    return {
      line: row.line,
      column: missing?.label ?? `#${width + 1}`,
      reason: `row has ${width} fields but the header has ${headerWidth}`,
    };
  }
  return null;
}

function rawRow(row: GridRow, columns: FileColumn[], headerWidth: number, strict: boolean): RawRow {
  const out: RawRow = { line: row.line, values: {}, problems: [] };
  for (const c of columns) out.values[c.field] = row.cells[c.index] ?? "";
  const width = widthProblem(row, columns, headerWidth, strict);
  if (width) out.problems.push(width);
  if (row.problem) {
    const column =
      columns.find((c) => c.index === row.problem!.cellIndex)?.label ?? `#${row.problem.cellIndex + 1}`;
    out.problems.push({ line: row.line, column, reason: row.problem.reason });
  }
  return out;
}

/** Interprets a grid: the first row is the header, the rest are entities. */
export function tableFromGrid(
  grid: GridRow[],
  source: string,
  format: RegisterFormat,
  encoding: RegisterTable["encoding"],
): RegisterTable {
  const [header, ...body] = grid;
  if (!header) throw fileError(source, "the file is empty: expected a header row and one row per entity");
  const { columns, problems } = resolveHeader(header.cells);
  if (problems.length > 0) throw fileError(source, problems.join("; "), header.line);
  if (body.length === 0) throw fileError(source, "the file has a header row but no entity rows", header.line);
  const headerWidth = Math.max(...columns.map((c) => c.index)) + 1;
  const rows = body.map((row) => rawRow(row, columns, headerWidth, format === "csv"));
  return { source, format, encoding, columns, rows };
}

function csvGrid(bytes: Uint8Array, source: string): { grid: GridRow[]; encoding: "utf-8" | "gb18030" } {
  try {
    const { text, encoding } = decodeRegisterText(bytes);
    const grid = parseCsv(text).map(
      (r): GridRow => ({
        line: r.line,
        cells: r.fields,
        ...(r.problem ? { problem: { cellIndex: r.problem.fieldIndex, reason: r.problem.reason } } : {}),
      }),
    );
    return { grid, encoding };
  } catch (error) {
    if (error instanceof EncodingError) throw fileError(source, error.message);
    if (error instanceof CsvSyntaxError) {
      const label = error.header?.[error.fieldIndex]?.trim();
      const where = label ? `column ${label}` : `field ${error.fieldIndex + 1}`;
      throw fileError(source, `${where}: ${error.message}`, error.line);
    }
    throw error;
  }
}

export async function parseRegisterBytes(
  bytes: Uint8Array,
  source: string,
  format: RegisterFormat,
): Promise<RegisterTable> {
  if (format === "csv") {
    const { grid, encoding } = csvGrid(bytes, source);
    return tableFromGrid(grid, source, "csv", encoding);
  }
  try {
    return tableFromGrid(await readXlsxGrid(bytes), source, "xlsx", "xlsx");
  } catch (error) {
    if (error instanceof UnreadableFileError) throw fileError(source, error.message, error.line);
    throw error;
  }
}

export async function parseRegisterFile(file: string): Promise<RegisterTable> {
  const format = formatOfFile(file);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new InputError(
      `${file}: cannot read the file: ${(error as Error).message}`,
      `${file}：无法读取文件`,
    );
  }
  return parseRegisterBytes(bytes, file, format);
}
