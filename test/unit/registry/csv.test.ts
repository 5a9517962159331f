import assert from "node:assert/strict";
import { test } from "node:test";
import { CsvSyntaxError, formatCsvLine, parseCsv } from "../../../src/registry/csv.ts";

test("quoted fields keep commas, doubled quotes and line breaks; lines are counted through them", () => {
  const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,"",z\n';
  const records = parseCsv(text);
  assert.deepEqual(
    records.map((r) => [r.line, r.fields]),
    [
      [1, ["a", "b", "c"]],
      [2, ["x, y", 'say "hi"', "two\r\nlines"]],
      [4, ["last", "", "z"]],
    ],
  );
});

test("LF, CRLF and a lone CR all end a record; blank lines are skipped but counted", () => {
  const records = parseCsv("h1,h2\n\nv1,v2\r\rv3,v4");
  assert.deepEqual(
    records.map((r) => [r.line, r.fields]),
    [
      [1, ["h1", "h2"]],
      [3, ["v1", "v2"]],
      [5, ["v3", "v4"]],
    ],
  );
});

test("an unterminated quote names the line where it opened", () => {
  const text = 'h1,h2\nok,row\nbad,"never closed\nmore\n';
  assert.throws(
    () => parseCsv(text),
    (e: unknown) =>
      e instanceof CsvSyntaxError && e.line === 3 && e.fieldIndex === 1 && /unterminated/.test(e.message),
  );
});

test("text after a closing quote is kept and flagged on that record", () => {
  const [, row] = parseCsv('h1,h2\n"ab"cd,e\n');
  assert.deepEqual(row?.fields, ["abcd", "e"]);
  assert.equal(row?.problem?.fieldIndex, 0);
  assert.match(row?.problem?.reason ?? "", /after the closing quote/);
});

test("a stray quote inside an unquoted field is plain text", () => {
  assert.deepEqual(parseCsv('a,b"c,d\n')[0]?.fields, ["a", 'b"c', "d"]);
});

test("formatCsvLine quotes only what needs it and reads back the same", () => {
  const fields = ["plain", "with,comma", 'with "quote"', "multi\nline", " padded ", ""];
  const line = formatCsvLine(fields);
  assert.equal(line.endsWith("\r\n"), true);
  assert.equal(line.startsWith("plain,"), true);
  assert.deepEqual(parseCsv(line)[0]?.fields, fields);
});
