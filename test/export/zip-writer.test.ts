// The streaming zip writer on its own: stored and deflated entries read back by an independent
// reader (sizes, CRC-32, UTF-8 names, times), unsafe or duplicate names refused, and memory that
// stays flat while a large entry streams through.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { test } from "node:test";
import { ZipWriter } from "../../src/export/bundle/zip-writer.ts";
import { tempDir } from "../helpers/temp-db.ts";
import { readZip } from "../helpers/zip-reader.ts";

test("stored and deflated entries, from bytes and streams, read back byte for byte", async () => {
  const dir = tempDir();
  const random = crypto.randomBytes(3_000_000);
  const source = path.join(dir, "random.bin");
  fs.writeFileSync(source, random);
  const text = Buffer.from("年化收益12%，保本保息\n".repeat(5000));
  const at = new Date("2026-11-20T01:14:05Z");
  const file = path.join(dir, "t.zip");
  const out = fs.createWriteStream(file);
  const zip = new ZipWriter(out);
  const seen = crypto.createHash("sha256");
  await zip.add("a/text.txt", text, { mtime: at });
  await zip.add("a/random-stored.bin", fs.createReadStream(source), { mtime: at, compress: false });
  await zip.add("a/random-deflated.bin", fs.createReadStream(source), {
    mtime: at,
    onChunk: (c) => seen.update(c),
  });
  await zip.add("清单.txt", Buffer.alloc(0), { mtime: at });
  const bytes = await zip.finish();
  await new Promise<void>((resolve) => out.end(resolve));
  assert.equal(fs.statSync(file).size, bytes);

  const entries = readZip(file);
  assert.deepEqual(
    [...entries.keys()],
    ["a/text.txt", "a/random-stored.bin", "a/random-deflated.bin", "清单.txt"],
  );
  assert.ok(entries.get("a/text.txt")!.data.equals(text));
  assert.ok(entries.get("a/text.txt")!.compressedSize < text.length / 10, "text is deflated");
  assert.equal(entries.get("a/random-stored.bin")!.method, 0);
  assert.ok(entries.get("a/random-stored.bin")!.data.equals(random));
  assert.ok(entries.get("a/random-deflated.bin")!.data.equals(random));
  assert.equal(seen.digest("hex"), crypto.createHash("sha256").update(random).digest("hex"));
  assert.equal(entries.get("清单.txt")!.flags & 0x800, 0x800, "UTF-8 name flag");
  assert.equal(entries.get("a/text.txt")!.flags & 0x800, 0, "ASCII names need no flag");
  assert.equal(entries.get("a/text.txt")!.mtime?.toISOString(), at.toISOString());
  fs.rmSync(dir, { recursive: true, force: true });
});

test("unsafe and duplicate entry names are refused", async () => {
  const zip = new ZipWriter(new Writable({ write: (_c, _e, cb) => cb() }));
  const at = new Date();
  for (const bad of ["../x", "/etc/passwd", "a/../../b", "a\\b", ""]) {
    await assert.rejects(zip.add(bad, Buffer.from("x"), { mtime: at }), /unsafe entry name/);
  }
  await zip.add("a.txt", Buffer.from("x"), { mtime: at });
  await assert.rejects(zip.add("a.txt", Buffer.from("y"), { mtime: at }), /duplicate/);
});

test("a 256 MB entry streams through without memory growing with it", async () => {
  const total = 256 * 1024 * 1024;
  const chunk = Buffer.alloc(1024 * 1024, "证据");
  const source = () => {
    let sent = 0;
    return new Readable({
      read() {
        if (sent >= total) return this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    });
  };
  // A slow-ish sink: back-pressure must hold the data upstream, not in the writer.
  let received = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(c: Buffer, _e, cb) {
      received += c.length;
      setImmediate(cb);
    },
  });
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const zip = new ZipWriter(sink);
  for (const compress of [false, true]) {
    const entry = await zip.add(`big-${compress}.bin`, source(), { mtime: new Date(), compress });
    assert.equal(entry.size, total);
  }
  await zip.finish();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  assert.ok(received > total, "the stored entry alone is larger than 256 MB");
  const growth = (peak - before) / 1024 / 1024;
  assert.ok(growth < 96, `memory grew by ${growth.toFixed(0)} MB while 512 MB of entries streamed`);
});
