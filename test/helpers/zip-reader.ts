// Reads a ZIP archive back for tests, independently of the writer: the end record, the central
// directory, each local header, then the data (inflated when deflated) checked against its CRC-32
// and sizes. Throws on anything malformed.
import fs from "node:fs";
import zlib from "node:zlib";

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  size: number;
  compressedSize: number;
  /** Modification time from the extended-timestamp field, when present. */
  mtime: Date | null;
  data: Buffer;
};

function findEnd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error("zip: no end of central directory record");
}

function utcTime(extra: Buffer): Date | null {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 0x5455 && len >= 5 && extra.readUInt8(i + 4) & 1)
      return new Date(extra.readUInt32LE(i + 5) * 1000);
    i += 4 + len;
  }
  return null;
}

export function readZip(file: string): Map<string, ZipEntry> {
  const buf = fs.readFileSync(file);
  const end = findEnd(buf);
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  let p = buf.readUInt32LE(end + 16);
  if (p + cdSize !== end) throw new Error("zip: central directory does not end at the end record");
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`zip: bad central header at ${p}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? "utf8" : "latin1");
    const mtime = utcTime(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    p += 46 + nameLen + extraLen + commentLen;

    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip: bad local header for ${name}`);
    const localName = buf.subarray(local + 30, local + 30 + buf.readUInt16LE(local + 26)).toString("utf8");
    if (localName !== name) throw new Error(`zip: local name ${localName} differs from ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressedSize);
    const data = method === 8 ? zlib.inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`zip: ${name}: unsupported method ${method}`);
    if (data.length !== size) throw new Error(`zip: ${name}: size ${data.length} != ${size}`);
    if (zlib.crc32(data) >>> 0 !== crc32) throw new Error(`zip: ${name}: CRC-32 mismatch`);
    if (flags & 0x8) {
      const d = start + compressedSize;
      if (buf.readUInt32LE(d) !== 0x08074b50 || buf.readUInt32LE(d + 4) !== crc32)
        throw new Error(`zip: ${name}: bad data descriptor`);
    }
    if (entries.has(name)) throw new Error(`zip: duplicate entry ${name}`);
    entries.set(name, { name, method, flags, crc32, size, compressedSize, mtime, data });
  }
  return entries;
}
