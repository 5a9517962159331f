// A small WARC reader for tests, written apart from crawlers/shared/warc.ts so that the writer is
// checked against an independent reading of the format: gzip members split by hand (each must
// hold exactly one record, with a correct CRC and size), records parsed strictly (version line,
// fields, Content-Length, block, two CRLFs), HTTP blocks split into head and body.
import crypto from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";

export type WarcRecord = {
  /** Byte offset of the record's gzip member in the file. */
  offset: number;
  version: string;
  fields: [string, string][];
  block: Buffer;
  /** The first value of a field (names are case-insensitive). */
  get(name: string): string | undefined;
  all(name: string): string[];
};

/** One gzip member starting at `at`: its inflated bytes and where the next member starts. */
function gzipMember(buf: Buffer, at: number): { data: Buffer; next: number } {
  if (buf[at] !== 0x1f || buf[at + 1] !== 0x8b || buf[at + 2] !== 8)
    throw new Error(`no gzip member at byte ${at}`);
  const flags = buf[at + 3]!;
  let p = at + 10;
  if (flags & 4) p += 2 + buf.readUInt16LE(p); // FEXTRA
  if (flags & 8) p = buf.indexOf(0, p) + 1; // FNAME
  if (flags & 16) p = buf.indexOf(0, p) + 1; // FCOMMENT
  if (flags & 2) p += 2; // FHCRC
  const inflated = zlib.inflateRawSync(buf.subarray(p), { info: true }) as unknown as {
    buffer: Buffer;
    engine: { bytesWritten: number };
  };
  const end = p + inflated.engine.bytesWritten;
  const crc = buf.readUInt32LE(end);
  const size = buf.readUInt32LE(end + 4);
  if (crc !== zlib.crc32(inflated.buffer)) throw new Error(`gzip member at ${at}: CRC mismatch`);
  if (size !== inflated.buffer.length % 2 ** 32) throw new Error(`gzip member at ${at}: size mismatch`);
  return { data: inflated.buffer, next: end + 8 };
}

/** Parses exactly one WARC record filling `data`. */
export function parseRecord(data: Buffer, offset = 0): WarcRecord {
  const headEnd = data.indexOf("\r\n\r\n");
  if (headEnd < 0) throw new Error(`record at ${offset}: no end of header`);
  const lines = data.subarray(0, headEnd).toString("utf8").split("\r\n");
  const version = lines.shift()!;
  if (!/^WARC\/1\.[01]$/.test(version)) throw new Error(`record at ${offset}: version line ${version}`);
  const fields = lines.map((line): [string, string] => {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`record at ${offset}: bad field line ${JSON.stringify(line)}`);
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  const values = (name: string) =>
    fields.filter(([k]) => k.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  const length = Number(values("Content-Length")[0]);
  if (!Number.isInteger(length)) throw new Error(`record at ${offset}: no Content-Length`);
  const start = headEnd + 4;
  const block = data.subarray(start, start + length);
  if (block.length !== length) throw new Error(`record at ${offset}: block shorter than Content-Length`);
  const tail = data.subarray(start + length);
  if (tail.toString("latin1") !== "\r\n\r\n")
    throw new Error(`record at ${offset}: ${tail.length} bytes after the block instead of CRLF CRLF`);
  return { offset, version, fields, block, get: (n) => values(n)[0], all: values };
}

/** Every record of a .warc.gz file, one per gzip member. */
export function readWarcGz(file: string): WarcRecord[] {
  const buf = fs.readFileSync(file);
  const records: WarcRecord[] = [];
  for (let at = 0; at < buf.length; ) {
    const { data, next } = gzipMember(buf, at);
    records.push(parseRecord(data, at));
    at = next;
  }
  return records;
}

/** An HTTP message in a block: start line, header pairs as written, body. */
export function parseHttpBlock(block: Buffer): {
  startLine: string;
  headers: [string, string][];
  header(name: string): string | undefined;
  body: Buffer;
} {
  const end = block.indexOf("\r\n\r\n");
  if (end < 0) throw new Error("HTTP block without end of head");
  const [startLine, ...lines] = block.subarray(0, end).toString("latin1").split("\r\n");
  const headers = lines.map((l): [string, string] => {
    const colon = l.indexOf(":");
    return [l.slice(0, colon), l.slice(colon + 1).trim()];
  });
  return {
    startLine: startLine!,
    headers,
    header: (name) => headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1],
    body: block.subarray(end + 4),
  };
}

/** application/warc-fields as a map. */
export function warcFields(block: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.toString("utf8").split("\r\n")) {
    if (!line) continue;
    const colon = line.indexOf(":");
    out.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return out;
}

export function sha256Label(data: Buffer): string {
  return `sha256:${crypto.createHash("sha256").update(data).digest("hex")}`;
}
