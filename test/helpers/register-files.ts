// Writes register files for tests and the benchmark: N valid rows (deterministic, so two calls
// give the same file), optionally with chosen cells replaced by bad values, as CSV in UTF-8 (with
// or without BOM) or GBK, or as XLSX, with Chinese or English headers.
import fs from "node:fs";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { usccCheckCharacter } from "../../src/identity/index.ts";

export const chineseHeaders = [
  "统一社会信用代码",
  "名称",
  "类型",
  "登记状态",
  "所属分局",
  "住所",
  "网站域名",
  "ICP备案号",
  "成立日期",
] as const;
export const englishHeaders = [
  "uscc",
  "name",
  "kind",
  "status",
  "region",
  "address",
  "domains",
  "icp",
  "registered_on",
] as const;

export type Column = (typeof englishHeaders)[number];
export type Row = Record<Column, string>;

const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const kinds = ["企业", "企业", "个体工商户", "enterprise", "农民专业合作社"];
const statuses = ["存续", "存续", "在业", "存续", "吊销", "注销"];
const regions = ["福田分局", "南山分局", "罗湖分局", "宝安分局"];

/** A valid USCC, different for every n: 91440300 + n in base 31 + check character. */
export function usccFor(n: number): string {
  let body = "";
  for (let v = n, i = 0; i < 9; i++, v = Math.floor(v / 31)) body = alphabet[v % 31] + body;
  const first17 = `91440300${body}`;
  return first17 + usccCheckCharacter(first17);
}

/** The same code with a check character that is wrong. */
export function withBadCheck(uscc: string): string {
  const good = uscc[17]!;
  return uscc.slice(0, 17) + alphabet[(alphabet.indexOf(good) + 1) % 31];
}

export function validRow(n: number): Row {
  const day = new Date(Date.UTC(2000, 0, 1) + (n % 8000) * 86_400_000).toISOString().slice(0, 10);
  const domains = n % 7 === 0 ? "" : n % 10 === 3 ? `shop${n}.cn;www.brand${n}.com.cn` : `shop${n}.cn`;
  return {
    uscc: usccFor(n),
    name: `江湾市第${n}号贸易有限公司`,
    kind: kinds[n % kinds.length]!,
    status: statuses[n % statuses.length]!,
    region: regions[n % regions.length]!,
    address: n % 11 === 0 ? `江湾市"新城"路${n}号, 2楼` : `江湾市新城路${n}号`,
    domains,
    icp: n % 3 === 0 ? "" : `粤ICP备${20_000_000 + n}号${n % 4 === 0 ? "-1" : ""}`,
    registered_on: day,
  };
}

/** Rows 1..count (row i is validRow(start + i)), with `bad` cells overriding by 0-based row index. */
export function registerRows(count: number, bad: Record<number, Partial<Row>> = {}, start = 1): Row[] {
  return Array.from({ length: count }, (_, i) => ({ ...validRow(start + i), ...bad[i] }));
}

/** The file line of the row at a 0-based index when the header is line 1 and no field spans lines. */
export const lineOfRow = (index: number): number => index + 2;

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gbk";
export type FileOptions = { headers?: "chinese" | "english"; columns?: readonly Column[] };

function grid(rows: Row[], options: FileOptions): string[][] {
  const columns = options.columns ?? englishHeaders;
  const names =
    options.headers === "english" ? columns : columns.map((c) => chineseHeaders[englishHeaders.indexOf(c)]!);
  return [[...names], ...rows.map((r) => columns.map((c) => r[c]))];
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvText(rows: Row[], options: FileOptions = {}): string {
  return grid(rows, options)
    .map((cells) => `${cells.map(csvField).join(",")}\r\n`)
    .join("");
}

export function writeCsv(
  file: string,
  rows: Row[],
  encoding: CsvEncoding = "utf-8",
  options: FileOptions = {},
): string {
  const text = csvText(rows, options);
  const bytes =
    encoding === "gbk"
      ? iconv.encode(text, "gbk")
      : Buffer.from((encoding === "utf-8-bom" ? "\ufeff" : "") + text);
  fs.writeFileSync(file, bytes);
  return file;
}

export async function writeXlsx(file: string, rows: Row[], options: FileOptions = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("名册");
  for (const cells of grid(rows, options)) sheet.addRow(cells);
  await workbook.xlsx.writeFile(file);
  return file;
}
