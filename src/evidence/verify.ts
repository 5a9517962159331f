// `redshield evidence verify`: re-hash every evidence file the database refers to and report any
// that is missing or no longer matches its digest; then re-hash the block of every record of the
// sweeps' WARC archives (<evidence dir>/warc, crawlers/shared/warc.ts) against its
// WARC-Block-Digest, streaming, so a big archive costs no memory.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Prisma } from "../db/index.ts";
import type { EvidenceStore } from "./store.ts";

export type WarcVerifyReport = {
  files: number;
  records: number;
  /** Archives of shards that did not end well (left as .part); not checked. */
  partFiles: string[];
  problems: { file: string; record: string; problem: "altered" | "unreadable" | "no-digest" }[];
};

export type VerifyReport = {
  checked: number;
  problems: { sha256: string; kind: string; problem: "missing" | "altered" }[];
  warc: WarcVerifyReport;
};

export async function verifyEvidence(
  prisma: Prisma,
  store: EvidenceStore,
  onProgress?: (done: number) => void,
): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, problems: [], warc: await verifyWarcFiles(store.dir) };
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.evidence.findMany({
      take: 500,
      orderBy: { sha256: "asc" },
      ...(cursor ? { cursor: { sha256: cursor }, skip: 1 } : {}),
      select: { sha256: true, kind: true },
    });
    if (batch.length === 0) return report;
    for (const e of batch) {
      const result = await store.check(e.sha256);
      report.checked++;
      if (result !== "ok") report.problems.push({ sha256: e.sha256, kind: e.kind, problem: result });
    }
    onProgress?.(report.checked);
    cursor = batch[batch.length - 1]!.sha256;
  }
}

/** Checks every *.warc.gz under <dir>/warc. */
export async function verifyWarcFiles(dir: string): Promise<WarcVerifyReport> {
  const report: WarcVerifyReport = { files: 0, records: 0, partFiles: [], problems: [] };
  const root = path.join(dir, "warc");
  if (!fs.existsSync(root)) return report;
  const names = (await fs.promises.readdir(root, { recursive: true })).map(String).sort();
  for (const name of names) {
    const file = path.join(root, name);
    if (name.endsWith(".warc.gz.part")) report.partFiles.push(file);
    if (!name.endsWith(".warc.gz")) continue;
    report.files++;
    await checkWarcFile(file, report);
  }
  return report;
}

const headEnd = Buffer.from("\r\n\r\n");

/** Reads the records of one file in order (gzip members in sequence), hashing each block as it streams by. */
async function checkWarcFile(file: string, report: WarcVerifyReport): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let record = "";
  // The record being read: its block bytes still to come, the digest they must give, the hash so far.
  let block: { left: number; expected: string | null; hash: crypto.Hash } | null = null;
  let tail = 0; // bytes of the CRLF CRLF after a block still to skip
  try {
    for await (const chunk of fs.createReadStream(file).pipe(zlib.createGunzip()) as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (tail > 0) {
          const n = Math.min(tail, pending.length);
          pending = pending.subarray(n);
          tail -= n;
          if (tail > 0) break;
        }
        if (block) {
          const n = Math.min(block.left, pending.length);
          block.hash.update(pending.subarray(0, n));
          pending = pending.subarray(n);
          block.left -= n;
          if (block.left > 0) break;
          report.records++;
          if (block.expected === null) report.problems.push({ file, record, problem: "no-digest" });
          else if (block.hash.digest("hex") !== block.expected)
            report.problems.push({ file, record, problem: "altered" });
          block = null;
          tail = 4;
          continue;
        }
        const end = pending.indexOf(headEnd);
        if (end < 0) {
          if (pending.length > 1 << 20) throw new Error("record header too long");
          break;
        }
        const fields = pending.subarray(0, end).toString("utf8").split("\r\n");
        if (!fields[0]?.startsWith("WARC/")) throw new Error("not a WARC record");
        const field = (name: string) =>
          fields
            .find((f) => f.toLowerCase().startsWith(`${name.toLowerCase()}:`))
            ?.slice(name.length + 1)
            .trim();
        record = field("WARC-Record-ID") ?? "";
        const length = Number(field("Content-Length"));
        if (!Number.isSafeInteger(length) || length < 0) throw new Error("bad Content-Length");
        const digest = /^sha256:([0-9a-f]{64})$/i.exec(field("WARC-Block-Digest") ?? "");
        block = {
          left: length,
          expected: digest ? digest[1]!.toLowerCase() : null,
          hash: crypto.createHash("sha256"),
        };
        pending = pending.subarray(end + 4);
      }
    }
    if (block || pending.length > 0 || tail > 0) throw new Error("file ends inside a record");
  } catch {
    report.problems.push({ file, record, problem: "unreadable" });
  }
}
