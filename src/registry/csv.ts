// A small RFC 4180 reader and writer. The reader keeps the 1-based file line on which each record
// starts, so every problem can be named by line: quoted fields may hold commas, doubled quotes and
// line breaks (CRLF, LF or a lone CR), and a record that spans lines still reports its first line.

export type CsvRecord = {
  line: number;
  fields: string[];
  /** A field that broke the quoting rules but could be read past (text after a closing quote). */
  problem?: { fieldIndex: number; reason: string };
};

/** The rest of the file cannot be read: a quote opened on `line` is never closed. */
export class CsvSyntaxError extends Error {
  /** The first record of the file, when the error comes after it: it names the field. */
  header?: string[];
  constructor(
    readonly line: number,
    readonly fieldIndex: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

type Cursor = { text: string; pos: number; line: number };

/** Reads a quoted field starting at the opening quote; leaves pos after the closing quote. */
function readQuoted(c: Cursor, fieldIndex: number): string {
  const startLine = c.line;
  let value = "";
  let from = ++c.pos;
  for (;;) {
    const next = c.text.indexOf('"', c.pos);
    if (next < 0) {
      throw new CsvSyntaxError(
        startLine,
        fieldIndex,
        "unterminated quoted field: the quote opened here is never closed",
      );
    }
    countLines(c, c.pos, next);
    if (c.text.charCodeAt(next + 1) === QUOTE) {
      value += c.text.slice(from, next + 1);
      c.pos = from = next + 2;
      continue;
    }
    value += c.text.slice(from, next);
    c.pos = next + 1;
    return value;
  }
}

function countLines(c: Cursor, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const ch = c.text.charCodeAt(i);
    if (ch === LF || (ch === CR && c.text.charCodeAt(i + 1) !== LF)) c.line++;
  }
}

/** Reads an unquoted field up to the next comma or line break. A stray quote inside is kept as text. */
function readBare(c: Cursor): string {
  const start = c.pos;
  const { text } = c;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === COMMA || ch === LF || ch === CR) break;
  }
  c.pos = i;
  return text.slice(start, i);
}

/** Consumes one line break at pos if there is one; returns whether the record ended. */
function endOfRecord(c: Cursor): boolean {
  const ch = c.text.charCodeAt(c.pos);
  if (ch === CR) {
    c.pos += c.text.charCodeAt(c.pos + 1) === LF ? 2 : 1;
  } else if (ch === LF) {
    c.pos += 1;
  } else {
    return c.pos >= c.text.length;
  }
  c.line++;
  return true;
}

function readRecord(c: Cursor): CsvRecord {
  const record: CsvRecord = { line: c.line, fields: [] };
  for (;;) {
    const fieldIndex = record.fields.length;
    let value: string;
    if (c.text.charCodeAt(c.pos) === QUOTE) {
      value = readQuoted(c, fieldIndex);
      const trailing = readBare(c);
      if (trailing) {
        value += trailing;
        record.problem ??= {
          fieldIndex,
          reason: `text after the closing quote: ${JSON.stringify(trailing)}`,
        };
      }
    } else {
      value = readBare(c);
    }
    record.fields.push(value);
    if (c.text.charCodeAt(c.pos) === COMMA) {
      c.pos++;
      continue;
    }
    endOfRecord(c);
    return record;
  }
}

/** Parses CSV text into records. Blank lines are skipped; their lines still count. */
export function parseCsv(text: string): CsvRecord[] {
  const c: Cursor = { text, pos: 0, line: 1 };
  const records: CsvRecord[] = [];
  try {
    while (c.pos < text.length) {
      const record = readRecord(c);
      if (record.fields.length === 1 && record.fields[0] === "") continue;
      records.push(record);
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) error.header = records[0]?.fields;
    throw error;
  }
  return records;
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (CRLF-terminated, as spreadsheet programs expect). */
export function formatCsvLine(fields: readonly string[]): string {
  return `${fields.map(quoteField).join(",")}\r\n`;
}
