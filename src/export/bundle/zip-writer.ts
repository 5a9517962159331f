// A small streaming ZIP writer (PKWARE APPNOTE 6.3): each entry is written as it is read, with a
// data descriptor after the data, so no entry is ever held in memory whole. Stored or deflated;
// CRC-32 from node:zlib. Entry names are UTF-8 (flag bit 11 when not ASCII). No ZIP64: an entry or
// an archive past 4 GiB is refused with a clear error rather than written wrong.
import type { Readable, Writable } from "node:stream";
import zlib from "node:zlib";

const u32Max = 0xffffffff;

export type ZipEntryOptions = {
  /** Modification time stored with the entry (DOS time in China Standard Time, plus UTC). */
  mtime: Date;
  /** Deflate the data (default true); store already-compressed data (PNG, PDF) as it is. */
  compress?: boolean;
  /** Sees every chunk of the uncompressed data, e.g. to hash it on the way through. */
  onChunk?: (chunk: Buffer) => void;
};

export type ZipEntryResult = { name: string; size: number; compressedSize: number; crc32: number };

type CentralEntry = ZipEntryResult & {
  nameBytes: Buffer;
  method: number;
  flags: number;
  dosTime: number;
  dosDate: number;
  unixTime: number;
  offset: number;
};

/** DOS date and time fields, in China Standard Time (the staff's wall clock). */
function dosDateTime(at: Date): { dosTime: number; dosDate: number } {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    dosTime: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    dosDate: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** Extended-timestamp extra field (0x5455): the modification time in UTC seconds. */
function timeExtra(unixTime: number): Buffer {
  const b = Buffer.alloc(9);
  b.writeUInt16LE(0x5455, 0);
  b.writeUInt16LE(5, 2);
  b.writeUInt8(1, 4);
  b.writeUInt32LE(unixTime >>> 0, 5);
  return b;
}

/** Resolves when the stream wants more, or is gone (so a failed archive never leaves a waiter). */
function drainOrClose(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly names = new Set<string>();
  private failed: Error | null = null;
  private busy = false;

  constructor(private readonly out: Writable) {
    out.on("error", (error) => {
      this.failed ??= error;
    });
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.offset + chunk.length > u32Max)
      throw new Error("zip: the archive would exceed 4 GiB; bundle fewer leads at a time");
    this.offset += chunk.length;
    if (this.out.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        this.out.off("drain", onDrain);
        this.out.off("error", settle);
        this.out.off("close", onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(this.failed ?? new Error("zip: the output closed early"));
      this.out.on("drain", onDrain);
      this.out.on("error", settle);
      this.out.on("close", onClose);
    });
  }

  /** Adds one entry from bytes or a stream; resolves when its data is written. */
  async add(name: string, data: Buffer | Readable, options: ZipEntryOptions): Promise<ZipEntryResult> {
    if (this.busy) throw new Error("zip: entries must be added one at a time");
    if (!name || name.startsWith("/") || name.includes("\\") || name.split("/").includes(".."))
      throw new Error(`zip: unsafe entry name "${name}"`);
    if (this.names.has(name)) throw new Error(`zip: duplicate entry name "${name}"`);
    this.busy = true;
    try {
      return await this.addEntry(name, data, options);
    } finally {
      this.busy = false;
    }
  }

  private async addEntry(name: string, data: Buffer | Readable, options: ZipEntryOptions) {
    this.names.add(name);
    const nameBytes = Buffer.from(name, "utf8");
    const utf8 = /[^\x20-\x7e]/.test(name);
    const flags = 0x0008 | (utf8 ? 0x0800 : 0); // sizes and CRC follow the data
    const method = options.compress === false ? 0 : 8;
    const { dosTime, dosDate } = dosDateTime(options.mtime);
    const unixTime = Math.floor(options.mtime.getTime() / 1000);
    const extra = timeExtra(unixTime);
    const offset = this.offset;

    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(dosTime, 10);
    header.writeUInt16LE(dosDate, 12);
    // CRC-32 and sizes (14..25) stay zero: they are in the data descriptor.
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(extra.length, 28);
    await this.write(Buffer.concat([header, nameBytes, extra]));

    let crc = 0;
    let size = 0;
    const dataStart = this.offset;
    const take = (chunk: Buffer) => {
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      if (size > u32Max) throw new Error(`zip: entry "${name}" exceeds 4 GiB`);
      options.onChunk?.(chunk);
    };
    const source: Iterable<Buffer> | AsyncIterable<Buffer> = Buffer.isBuffer(data)
      ? [data]
      : (data as AsyncIterable<Buffer>);
    if (method === 0) {
      for await (const chunk of source) {
        take(chunk);
        await this.write(chunk);
      }
    } else {
      await this.deflateInto(source, take);
    }
    const compressedSize = this.offset - dataStart;

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressedSize, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.write(descriptor);

    const entry = { name, size, compressedSize, crc32: crc >>> 0 };
    this.entries.push({ ...entry, nameBytes, method, flags, dosTime, dosDate, unixTime, offset });
    return entry;
  }

  /** Deflates the source into the archive, chunk by chunk, honouring back-pressure both ways. */
  private async deflateInto(
    source: Iterable<Buffer> | AsyncIterable<Buffer>,
    take: (chunk: Buffer) => void,
  ): Promise<void> {
    const deflate = zlib.createDeflateRaw({ level: 6 });
    const pump = (async () => {
      try {
        for await (const chunk of source) {
          take(chunk);
          if (deflate.destroyed) return;
          if (!deflate.write(chunk)) await drainOrClose(deflate);
        }
        deflate.end();
      } catch (error) {
        deflate.destroy(error as Error);
        throw error;
      }
    })();
    // The pump's own rejection is reported through the deflate stream; keep it from going unhandled.
    pump.catch(() => {});
    for await (const compressed of deflate as AsyncIterable<Buffer>) await this.write(compressed);
    await pump;
  }

  /** Writes the central directory and the end record; the caller then ends the output stream. */
  async finish(): Promise<number> {
    if (this.entries.length > 0xffff) throw new Error("zip: more than 65,535 entries; bundle fewer leads");
    const start = this.offset;
    for (const e of this.entries) {
      const extra = timeExtra(e.unixTime);
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(e.dosTime, 12);
      h.writeUInt16LE(e.dosDate, 14);
      h.writeUInt32LE(e.crc32, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.nameBytes.length, 28);
      h.writeUInt16LE(extra.length, 30);
      // comment length, disk number, internal attributes: 0
      h.writeUInt32LE((0o100444 << 16) >>> 0, 38); // a read-only regular file
      h.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([h, e.nameBytes, extra]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    return this.offset;
  }
}
