import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { InputError } from "../../../src/errors.ts";
import { parseRegisterBytes, parseRegisterFile } from "../../../src/registry/index.ts";
import { csvText, registerRows, writeXlsx } from "../../helpers/register-files.ts";
import { tempDir } from "../../helpers/temp-db.ts";

const csv = (text: string) => parseRegisterBytes(Buffer.from(text), "reg.csv", "csv");

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test("Chinese headers map to fields and keep their labels for messages", async () => {
  const table = await csv(csvText(registerRows(2)));
  assert.deepEqual(
    table.columns.map((c) => [c.field, c.label]),
    [
      ["uscc", "统一社会信用代码"],
      ["name", "名称"],
      ["kind", "类型"],
      ["status", "登记状态"],
      ["region", "所属分局"],
      ["address", "住所"],
      ["domains", "网站域名"],
      ["icp", "ICP备案号"],
      ["registeredOn", "成立日期"],
    ],
  );
  assert.deepEqual(
    table.rows.map((r) => r.line),
    [2, 3],
  );
  assert.equal(table.rows[0]?.values.name, "江湾市第1号贸易有限公司");
});

test("English headers match ignoring case, spaces and full-width forms", async () => {
  const table = await csv("USCC,Name,KIND,Status,Registered On,ＩＣＰ备案号\r\n1,2,3,4,5,6\r\n");
  assert.deepEqual(
    table.columns.map((c) => c.field),
    ["uscc", "name", "kind", "status", "registeredOn", "icp"],
  );
});

test("an unknown header is named, with the known ones listed", async () => {
  await rejects(
    csv("uscc,name,kind,status,电话\r\n1,2,3,4,5\r\n"),
    /^reg\.csv:1: unknown column "电话" \(known columns: uscc \(统一社会信用代码\)/,
  );
});

test("a missing required header is named in both languages", async () => {
  await rejects(
    csv("uscc,name,kind\r\n1,2,3\r\n"),
    /^reg\.csv:1: missing required column status \(登记状态\)/,
  );
  await rejects(csv("名称,类型,登记状态\r\n1,2,3\r\n"), /missing required column uscc \(统一社会信用代码\)/);
});

test("a column given twice is refused", async () => {
  await rejects(csv("uscc,name,kind,status,名称\r\n1,2,3,4,5\r\n"), /column "名称" repeats column "name"/);
});

test("an empty file and a file of blank lines are refused as empty", async () => {
  await rejects(csv(""), /^reg\.csv: the file is empty/);
  await rejects(csv("\r\n\r\n"), /the file is empty/);
});

test("a file with only the header row is refused", async () => {
  await rejects(
    csv("uscc,name,kind,status\r\n"),
    /^reg\.csv:1: the file has a header row but no entity rows/,
  );
});

test("a row with too few or too many fields is a problem of that row, naming the column", async () => {
  const table = await csv("uscc,name,kind,status\r\na,b,c\r\na,b,c,d,e\r\na,b,c,d,,\r\n");
  assert.deepEqual(table.rows[0]?.problems, [
    { line: 2, column: "status", reason: "row has 3 fields but the header has 4" },
  ]);
  assert.deepEqual(table.rows[1]?.problems, [
    { line: 3, column: "#5", reason: "row has 5 fields but the header has 4" },
  ]);
  assert.deepEqual(table.rows[2]?.problems, [], "trailing empty fields are tolerated");
});

test("an unterminated quote makes the file unreadable from that line, naming the column", async () => {
  await rejects(
    csv('uscc,name,kind,status\r\na,"b,c,d\r\ne,f,g,h\r\n'),
    /^reg\.csv:2: column name: unterminated quoted field/,
  );
});

test("an unterminated quote in the header row names the field by position", async () => {
  await rejects(csv('uscc,"name,kind,status\r\n'), /^reg\.csv:1: field 2: unterminated quoted field/);
});

test("a GBK file reads the same as its UTF-8 twin", async () => {
  const text = csvText(registerRows(3));
  const gbk = await parseRegisterBytes(iconv.encode(text, "gbk"), "gbk.csv", "csv");
  const utf8 = await csv(text);
  assert.equal(gbk.encoding, "gb18030");
  assert.deepEqual(gbk.rows, utf8.rows);
});

test("a file that is neither UTF-8 nor GBK is refused with the reason", async () => {
  await rejects(
    parseRegisterBytes(iconv.encode(csvText(registerRows(1)), "utf16le", { addBOM: true }), "u16.csv", "csv"),
    /^u16\.csv: the file is UTF-16 text/,
  );
  await rejects(
    parseRegisterBytes(Buffer.from([0x75, 0x0a, 0xff, 0xfe, 0x81, 0x20]), "bin.csv", "csv"),
    /^bin\.csv: line 2: the file is neither UTF-8 nor GBK/,
  );
});

test("an XLSX register reads like the CSV one, lines being worksheet rows", async () => {
  const file = await writeXlsx(path.join(tempDir(), "reg.xlsx"), registerRows(3));
  const xlsx = await parseRegisterFile(file);
  const fromCsv = await csv(csvText(registerRows(3)));
  assert.equal(xlsx.encoding, "xlsx");
  assert.deepEqual(xlsx.rows, fromCsv.rows);
});

test("XLSX cells that are numbers, dates or too-long numbers become text or a problem", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("s");
  sheet.addRow(["uscc", "name", "kind", "status", "成立日期"]);
  sheet.addRow([Number("911101066976941872"), 12345, "企业", "存续", new Date(Date.UTC(2019, 4, 6))]);
  const file = path.join(tempDir(), "typed.xlsx");
  await workbook.xlsx.writeFile(file);
  const [row] = (await parseRegisterFile(file)).rows;
  assert.equal(row?.values.name, "12345");
  assert.equal(row?.values.registeredOn, "2019-05-06");
  assert.equal(row?.problems[0]?.column, "uscc");
  assert.match(row?.problems[0]?.reason ?? "", /stored as a number .* format the column as text/);
});

test("a file called .xlsx that is not a zip, or a corrupt zip, is refused by name", async () => {
  const dir = tempDir();
  const notZip = path.join(dir, "not-zip.xlsx");
  fs.writeFileSync(notZip, csvText(registerRows(2)));
  await rejects(
    parseRegisterFile(notZip),
    /not-zip\.xlsx: not an XLSX workbook \(an XLSX file is a zip archive/,
  );
  const good = fs.readFileSync(await writeXlsx(path.join(dir, "good.xlsx"), registerRows(2)));
  const corrupt = path.join(dir, "corrupt.xlsx");
  fs.writeFileSync(corrupt, good.subarray(0, Math.floor(good.length / 2)));
  await rejects(parseRegisterFile(corrupt), /corrupt\.xlsx: corrupt XLSX workbook/);
});

test("only .csv and .xlsx files are taken", async () => {
  await rejects(parseRegisterFile("register.txt"), /register\.txt: unsupported file type "\.txt"/);
});
