// The WARC archive of a shard's crawl (WARC/1.1, ISO 28500:2017), for sweeps with `warc: true`.
// One file per shard attempt, <evidence dir>/warc/run-<run>/shard-<seq>-a<attempt>-<random>.warc.gz:
// a warcinfo record first, then for every HTTP exchange that got an answer (pages, redirect hops,
// robots.txt, error answers) a request, a response and a metadata record, and for pages Chromium
// rendered a conversion record of the rendered HTML and one of the screenshot (if taken).
//
// Format choices:
// - Each record is its own gzip member (the .warc.gz convention), so tools can seek to a record.
// - Digests are `sha256:` + lowercase hex: SHA-256 as everywhere else in redshield, and hex (not
//   the base32 customary for SHA-1) because base32 of 256 bits needs `=` padding, which the WARC
//   grammar does not allow in a digest, and hex is what the annotated WARC 1.1 recommends for
//   SHA-256 and what the evidence store and `sha256sum` print: a response's WARC-Payload-Digest is
//   the evidence store's digest of the same page bytes.
// - Response blocks hold the status line and the headers as received (names' case, order, repeats)
//   and the body bytes as received. Node removes chunked transfer coding while reading, so for a
//   chunked answer the block holds the decoded body and its Transfer-Encoding header is kept as
//   X-Redshield-Original-Transfer-Encoding: the block stays a valid HTTP message whose payload
//   digest means the same to every reader. Content coding (gzip) is kept as received.
// - A body cut at the size cap, the deadline or a dropped connection is marked WARC-Truncated.
// - Rendered HTML and screenshots are `conversion` records (another form of the page, made by the
//   archiving process) that refer to the page's response record; Chromium's own requests are not
//   archived.
//
// The file is written as <name>.part and renamed only when the shard ends well, so a killed or
// failed shard leaves a `.part` file, never a half file that looks complete. Records are streamed
// to the file as they come (memory holds only the records in flight). A failed write fails the
// shard at close(), as FindingWriter does: a sweep that asked for an archive is not done without it.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { Exchange } from "./fetch.ts";

export type WarcFields = [name: string, value: string][];

export type WarcShardInfo = {
  version: string;
  sweep: string;
  sweepMode: string;
  configHash: string;
  rulesHash: string;
  runId: number;
  /** The shard's number in its run and which attempt at it this is; null when unknown. */
  shardSeq: number | null;
  attempt: number | null;
  userAgent: string;
  obeyRobots: boolean;
  operator: string;
};

const CRLF = "\r\n";
const recordEnd = Buffer.from(CRLF + CRLF);

export function newRecordId(): string {
  return `<urn:uuid:${crypto.randomUUID()}>`;
}

/** `sha256:<lowercase hex>` of the parts taken together. */
export function warcDigest(parts: readonly Uint8Array[]): string {
  const hash = crypto.createHash("sha256");
  for (const p of parts) hash.update(p);
  return `sha256:${hash.digest("hex")}`;
}

/** Field values are single lines: a CR or LF from a page or a config must not start a new field. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}

/**
 * One record, uncompressed, as the list of its parts: the version line and fields (with the
 * block's digest and Content-Length added), the block's parts as given, and the closing CRLFs.
 */
export function warcRecord(
  fields: WarcFields,
  block: readonly Buffer[],
  digests: { payload?: readonly Buffer[] } = {},
): Buffer[] {
  const length = block.reduce((n, b) => n + b.length, 0);
  const all: WarcFields = [...fields, ["WARC-Block-Digest", warcDigest(block)]];
  if (digests.payload) all.push(["WARC-Payload-Digest", warcDigest(digests.payload)]);
  all.push(["Content-Length", String(length)]);
  const head = `WARC/1.1${CRLF}${all.map(([k, v]) => `${k}: ${oneLine(v)}${CRLF}`).join("")}${CRLF}`;
  return [Buffer.from(head, "utf8"), ...block, recordEnd];
}

/** A record as one gzip member. */
export function gzipMember(parts: readonly Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = zlib.createGzip();
    const out: Buffer[] = [];
    z.on("data", (c: Buffer) => out.push(c));
    z.on("end", () => resolve(Buffer.concat(out)));
    z.on("error", reject);
    for (const p of parts) z.write(p);
    z.end();
  });
}

/** `name: value` lines (application/warc-fields), skipping empty values. */
export function warcFieldsBlock(fields: [string, string | number | null | undefined][]): Buffer {
  const lines = fields
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${oneLine(String(v))}${CRLF}`);
  return Buffer.from(lines.join(""), "utf8");
}

/** The HTTP head of a response block: status line and headers as received, then a blank line. */
export function responseHead(x: Exchange): { head: Buffer; dechunked: boolean } {
  let dechunked = false;
  const lines = [`HTTP/${x.httpVersion} ${x.status} ${x.statusMessage}`.trimEnd()];
  for (let i = 0; i + 1 < x.rawHeaders.length; i += 2) {
    let name = x.rawHeaders[i]!;
    const value = x.rawHeaders[i + 1]!;
    if (name.toLowerCase() === "transfer-encoding" && /chunked/i.test(value)) {
      name = "X-Redshield-Original-Transfer-Encoding";
      dechunked = true;
    }
    lines.push(`${name}: ${oneLine(value)}`);
  }
  // Header bytes as latin1: Node hands them over one char per byte, so this gives the bytes back.
  return { head: Buffer.from(`${lines.join(CRLF)}${CRLF}${CRLF}`, "latin1"), dechunked };
}

function ipOf(remoteAddress: string): string {
  const at = remoteAddress.lastIndexOf(":");
  return (at < 0 ? remoteAddress : remoteAddress.slice(0, at)).replace(/^::ffff:/, "");
}

export type ArchivedPage = { url: string; archiveId?: string };

export class WarcWriter {
  private failure: Error | null = null;
  private closed = false;
  private draining: Promise<void> | null = null;
  private readonly warcinfoId = newRecordId();

  private constructor(
    readonly file: string,
    readonly partFile: string,
    private readonly fd: number,
    private readonly out: fs.WriteStream,
    private readonly info: WarcShardInfo,
  ) {
    out.on("error", (error) => {
      this.failure ??= error;
    });
  }

  /** Creates the shard's file (as .part) under `dir` and writes its warcinfo record. */
  static async open(dir: string, info: WarcShardInfo): Promise<WarcWriter> {
    await fs.promises.mkdir(dir, { recursive: true });
    const seq = info.shardSeq ?? "x";
    const attempt = info.attempt ?? "x";
    const name = `shard-${seq}-a${attempt}-${crypto.randomBytes(3).toString("hex")}.warc.gz`;
    const file = path.join(dir, name);
    const partFile = `${file}.part`;
    const fd = await new Promise<number>((resolve, reject) =>
      fs.open(partFile, "wx", 0o644, (error, fd) => (error ? reject(error) : resolve(fd))),
    );
    const out = fs.createWriteStream(partFile, { fd, autoClose: false });
    const writer = new WarcWriter(file, partFile, fd, out, info);
    await writer.append([await gzipMember(writer.warcinfo(name))]);
    return writer;
  }

  private warcinfo(name: string): Buffer[] {
    const i = this.info;
    const block = warcFieldsBlock([
      ["software", `redshield/${i.version}`],
      ["format", "WARC File Format 1.1"],
      ["conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"],
      ["hostname", os.hostname()],
      ["operator", i.operator],
      ["isPartOf", `${i.sweep} run ${i.runId}`],
      ["description", `redshield sweep ${i.sweep}, run ${i.runId}, shard ${i.shardSeq ?? "?"}`],
      ["http-header-user-agent", i.userAgent],
      ["robots", i.obeyRobots ? "obey" : "ignore"],
      ["redshield-sweep-config-hash", i.configHash],
      ["redshield-rule-packs-hash", i.rulesHash],
      ["redshield-digests", "sha256, lowercase hex"],
      ["redshield-gzip", "one member per record"],
    ]);
    return warcRecord(
      [
        ["WARC-Type", "warcinfo"],
        ["WARC-Record-ID", this.warcinfoId],
        ["WARC-Date", new Date().toISOString()],
        ["WARC-Filename", name],
        ["Content-Type", "application/warc-fields"],
      ],
      [block],
    );
  }

  private async append(members: Buffer[]): Promise<void> {
    // Written in one go, so a page's records stay together in the file.
    let room = true;
    for (const m of members) room = this.out.write(m);
    if (!room && !this.failure) await this.drained();
  }

  /**
   * One wait for the file's buffer to drain, shared by every page waiting on it: a sweep has
   * dozens of pages in flight, and a listener each would pile up on the stream.
   */
  private drained(): Promise<void> {
    this.draining ??= new Promise<void>((resolve) => {
      const done = () => {
        this.out.off("drain", done);
        this.out.off("error", done);
        this.draining = null;
        resolve();
      };
      this.out.on("drain", done).on("error", done);
    });
    return this.draining;
  }

  private shardFields(): [string, string | number | null][] {
    const i = this.info;
    return [
      ["software", `redshield/${i.version}`],
      ["sweep", i.sweep],
      ["run", i.runId],
      ["shard", i.shardSeq],
      ["shard-attempt", i.attempt],
      ["sweep-mode", i.sweepMode],
    ];
  }

  /** Archives one HTTP exchange: request, response and metadata records. Never rejects. */
  readonly record = async (x: Exchange): Promise<string | null> => {
    if (this.failure || this.closed) return null;
    try {
      const ids = { request: newRecordId(), response: newRecordId(), metadata: newRecordId() };
      const date = x.fetchedAt.toISOString();
      const common = (type: string, id: string): WarcFields => [
        ["WARC-Type", type],
        ["WARC-Record-ID", id],
        ["WARC-Date", date],
        ["WARC-Target-URI", x.url],
        ["WARC-Warcinfo-ID", this.warcinfoId],
      ];
      const ip = ipOf(x.remoteAddress);
      const { head, dechunked } = responseHead(x);
      const response = warcRecord(
        [
          ...common("response", ids.response),
          ...(ip ? ([["WARC-IP-Address", ip]] as WarcFields) : []),
          ["WARC-Concurrent-To", ids.request],
          ["WARC-Concurrent-To", ids.metadata],
          ...(x.truncated ? ([["WARC-Truncated", x.truncated]] as WarcFields) : []),
          ["Content-Type", "application/http;msgtype=response"],
        ],
        [head, x.body],
        { payload: [x.body] },
      );
      const request = warcRecord(
        [
          ...common("request", ids.request),
          ["WARC-Concurrent-To", ids.response],
          ["Content-Type", "application/http;msgtype=request"],
        ],
        [Buffer.from(x.requestHead, "latin1")],
      );
      const metadata = warcRecord(
        [
          ...common("metadata", ids.metadata),
          ["WARC-Concurrent-To", ids.response],
          ["Content-Type", "application/warc-fields"],
        ],
        [
          warcFieldsBlock([
            ...this.shardFields(),
            ["crawler-mode", "http"],
            ["fetch-time", date],
            ["remote-address", x.remoteAddress],
            ["redirected-from", x.redirectedFrom],
            ["truncated", x.truncated ? `${x.truncated}; ${x.body.length} bytes kept` : null],
            ["transfer-encoding", dechunked ? "chunked, removed: the block holds the decoded body" : null],
          ]),
        ],
      );
      // Compressed side by side (zlib's thread pool), written together.
      await this.append(await Promise.all([request, response, metadata].map(gzipMember)));
      return this.failure ? null : ids.response;
    } catch (error) {
      this.failure ??= error as Error;
      return null;
    }
  };

  /**
   * Archives what Chromium made of a page (its rendered HTML, or a screenshot) as a conversion
   * record referring to the page's response record, with a metadata record. Never rejects.
   */
  async conversion(
    page: ArchivedPage,
    what: "rendered-html" | "screenshot",
    contentType: string,
    bytes: Buffer,
  ): Promise<void> {
    if (this.failure || this.closed) return;
    try {
      const id = newRecordId();
      const metadataId = newRecordId();
      const date = new Date().toISOString();
      const base = (type: string, rid: string): WarcFields => [
        ["WARC-Type", type],
        ["WARC-Record-ID", rid],
        ["WARC-Date", date],
        ["WARC-Target-URI", page.url],
        ["WARC-Warcinfo-ID", this.warcinfoId],
      ];
      const conversion = warcRecord(
        [
          ...base("conversion", id),
          ...(page.archiveId ? ([["WARC-Refers-To", page.archiveId]] as WarcFields) : []),
          ["WARC-Concurrent-To", metadataId],
          ["Content-Type", contentType],
        ],
        [bytes],
        { payload: [bytes] },
      );
      const metadata = warcRecord(
        [
          ...base("metadata", metadataId),
          ["WARC-Concurrent-To", id],
          ["Content-Type", "application/warc-fields"],
        ],
        [
          warcFieldsBlock([
            ...this.shardFields(),
            ["crawler-mode", "browser"],
            ["capture", what],
            ["capture-time", date],
          ]),
        ],
      );
      await this.append(await Promise.all([conversion, metadata].map(gzipMember)));
    } catch (error) {
      this.failure ??= error as Error;
    }
  }

  /** Ends the file: flushed, synced, renamed from .part to its name. Throws if any write failed. */
  async close(): Promise<string> {
    if (this.closed) throw new Error("WARC file already closed");
    this.closed = true;
    await new Promise<void>((resolve) => this.out.end(resolve));
    try {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve, reject) => fs.fsync(this.fd, (e) => (e ? reject(e) : resolve())));
    } finally {
      await new Promise<void>((resolve) => fs.close(this.fd, () => resolve()));
    }
    await fs.promises.rename(this.partFile, this.file);
    return this.file;
  }

  /** Stops writing and leaves the .part file (the shard did not end well). */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => this.out.end(resolve));
    await new Promise<void>((resolve) => fs.close(this.fd, () => resolve()));
  }
}
