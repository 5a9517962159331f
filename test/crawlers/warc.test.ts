// The WARC archive of a sweep (`warc: true`): the writer on its own (bytes kept exactly, digests,
// truncation, conversion records, .part until closed), then sweeps of a few fixture sites read
// back with an independent reader (test/helpers/warc-reader.ts): every exchange the crawler made
// is archived as request + response + metadata, digests match, bodies are what the fixture web
// serves, ids are unique and links resolve; browser pages add conversion records; with warc off
// nothing is written; `evidence verify` re-hashes the archive and notices an altered record.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { after, before, describe, test } from "node:test";
import iconv from "iconv-lite";
import type { Exchange } from "../../crawlers/shared/fetch.ts";
import { WarcWriter, type WarcShardInfo } from "../../crawlers/shared/warc.ts";
import { EvidenceStore, sha256Hex, verifyEvidence } from "../../src/evidence/index.ts";
import { cliEnv, runRedshield } from "../cli/spawn-redshield.ts";
import { verifyWarcFiles } from "../../src/evidence/verify.ts";
import type { RunView } from "../../src/sweeps/runs.ts";
import { version } from "../../src/version.ts";
import { evidenceDir } from "../../src/worker/deps.ts";
import { startFixtureWorld } from "../helpers/fixture-world.ts";
import type { FixtureWeb } from "../helpers/site-server.ts";
import { sweepNow, testConfigDir, testEnv } from "../helpers/sweep-harness.ts";
import { eachProvider, tempDir } from "../helpers/temp-db.ts";
import {
  parseHttpBlock,
  parseRecord,
  readWarcGz,
  sha256Label,
  type WarcRecord,
  warcFields,
} from "../helpers/warc-reader.ts";

const info: WarcShardInfo = {
  version: "9.9.9",
  sweep: "unit",
  sweepMode: "http",
  configHash: "c0ffee",
  rulesHash: "fade",
  runId: 7,
  shardSeq: 3,
  attempt: 2,
  userAgent: "redshield-test",
  obeyRobots: true,
  operator: "江湾市市场监督管理局",
};

const gbkHtml = iconv.encode(
  "<!DOCTYPE html><html><head><title>快捷贷</title></head><body><p>客服专员：陈喆</p><p>借1000元到手900元</p></body></html>\r\n",
  "gbk",
);
/** CRLFs, a lone CR, NULs, 0xFF and a gzip signature: bytes a text-minded writer would spoil. */
const binaryBody = Buffer.concat([
  Buffer.from("line 1\r\nline 2\n\r\n\r\nWARC/1.1\r\n"),
  Buffer.from([0, 0xff, 0x0d, 0x1f, 0x8b, 0x08, 0, 0x0a, 0x0d]),
  Buffer.alloc(70_000, 0xa5),
]);

function exchange(over: Partial<Exchange>): Exchange {
  return {
    url: "http://kuaijie-daikuan.cn/",
    requestHead:
      "GET / HTTP/1.1\r\nhost: kuaijie-daikuan.cn\r\nuser-agent: redshield-test\r\nConnection: keep-alive\r\n\r\n",
    httpVersion: "1.1",
    status: 200,
    statusMessage: "OK",
    rawHeaders: ["Content-Type", "text/html; charset=gbk", "Content-Length", String(gbkHtml.length)],
    body: gbkHtml,
    truncated: null,
    fetchedAt: new Date("2026-03-01T08:00:00.123Z"),
    remoteAddress: "127.0.0.1:8090",
    redirectedFrom: null,
    ...over,
  };
}

const byId = (records: WarcRecord[]) => new Map(records.map((r) => [r.get("WARC-Record-ID")!, r]));

describe("WARC writer", () => {
  test("an exchange becomes request, response and metadata records holding the bytes exactly", async () => {
    const dir = tempDir();
    const w = await WarcWriter.open(dir, info);
    assert.ok(fs.existsSync(w.partFile) && !fs.existsSync(w.file), "written as .part until closed");
    assert.match(path.basename(w.file), /^shard-3-a2-[0-9a-f]{6}\.warc\.gz$/);
    const gbkId = await w.record(exchange({}));
    const binaryId = await w.record(
      exchange({
        url: "http://wanlian-keji.net/binary.html",
        rawHeaders: [
          "content-type",
          "text/html; charset=utf-8",
          "Set-Cookie",
          "a=1; Path=/",
          "Set-Cookie",
          "b=2; Path=/",
          "Transfer-Encoding",
          "chunked",
        ],
        body: binaryBody,
        redirectedFrom: "http://wanlian-keji.net/go",
      }),
    );
    await w.record(
      exchange({
        url: "http://wanlian-keji.net/huge-chunked",
        body: binaryBody.subarray(0, 1000),
        truncated: "length",
      }),
    );
    await w.conversion(
      { url: "http://kuaijie-daikuan.cn/", archiveId: gbkId ?? undefined },
      "screenshot",
      "image/png",
      binaryBody,
    );
    assert.equal(await w.close(), w.file);
    assert.ok(fs.existsSync(w.file) && !fs.existsSync(w.partFile), "renamed when closed");

    const records = readWarcGz(w.file);
    assert.deepEqual(
      records.map((r) => r.get("WARC-Type")),
      ["warcinfo", ...Array(3).fill(["request", "response", "metadata"]).flat(), "conversion", "metadata"],
    );
    assert.ok(records.every((r) => r.version === "WARC/1.1"));
    const warcinfo = warcFields(records[0]!.block);
    assert.equal(warcinfo.get("software"), "redshield/9.9.9");
    assert.equal(records[0]!.get("WARC-Filename"), path.basename(w.file));
    for (const r of records) {
      assert.equal(r.get("WARC-Block-Digest"), sha256Label(r.block), `block digest of ${r.get("WARC-Type")}`);
      assert.match(r.get("WARC-Date")!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      if (r !== records[0]) assert.equal(r.get("WARC-Warcinfo-ID"), records[0]!.get("WARC-Record-ID"));
    }
    const ids = byId(records);

    const gbk = ids.get(gbkId!)!;
    const gbkHttp = parseHttpBlock(gbk.block);
    assert.equal(gbkHttp.startLine, "HTTP/1.1 200 OK");
    assert.ok(gbkHttp.body.equals(gbkHtml), "GBK bytes kept, not decoded or re-encoded");
    assert.match(iconv.decode(gbkHttp.body, "gbk"), /陈喆/);
    assert.equal(
      gbk.get("WARC-Payload-Digest"),
      `sha256:${sha256Hex(gbkHtml)}`,
      "same digest as the evidence store",
    );
    assert.equal(gbk.get("WARC-IP-Address"), "127.0.0.1");
    assert.equal(gbk.get("Content-Type"), "application/http;msgtype=response");
    const [requestId, metadataId] = gbk.all("WARC-Concurrent-To");
    const request = ids.get(requestId!)!;
    assert.equal(request.get("WARC-Type"), "request");
    assert.equal(request.block.toString("latin1"), exchange({}).requestHead);
    assert.equal(request.get("WARC-Concurrent-To"), gbkId);
    const metadata = warcFields(ids.get(metadataId!)!.block);
    assert.equal(metadata.get("software"), "redshield/9.9.9");
    assert.equal(metadata.get("run"), "7");
    assert.equal(metadata.get("shard"), "3");
    assert.equal(metadata.get("crawler-mode"), "http");
    assert.equal(metadata.get("fetch-time"), "2026-03-01T08:00:00.123Z");
    assert.equal(metadata.get("truncated"), undefined);

    const binary = ids.get(binaryId!)!;
    const binaryHttp = parseHttpBlock(binary.block);
    assert.ok(binaryHttp.body.equals(binaryBody), "CRLFs, CRs, NULs and high bytes kept");
    assert.deepEqual(
      binaryHttp.headers,
      [
        ["content-type", "text/html; charset=utf-8"],
        ["Set-Cookie", "a=1; Path=/"],
        ["Set-Cookie", "b=2; Path=/"],
        ["X-Redshield-Original-Transfer-Encoding", "chunked"],
      ],
      "names, order and repeats as received; the removed transfer coding renamed",
    );
    const binaryMeta = warcFields(ids.get(binary.all("WARC-Concurrent-To")[1]!)!.block);
    assert.equal(binaryMeta.get("redirected-from"), "http://wanlian-keji.net/go");
    assert.match(binaryMeta.get("transfer-encoding")!, /^chunked, removed/);

    const cut = records.find(
      (r) => r.get("WARC-Target-URI")?.endsWith("/huge-chunked") && r.get("WARC-Type") === "response",
    )!;
    assert.equal(cut.get("WARC-Truncated"), "length");
    assert.equal(parseHttpBlock(cut.block).body.length, 1000);
    assert.equal(
      warcFields(ids.get(cut.all("WARC-Concurrent-To")[1]!)!.block).get("truncated"),
      "length; 1000 bytes kept",
    );

    const shot = records.find((r) => r.get("WARC-Type") === "conversion")!;
    assert.equal(shot.get("WARC-Refers-To"), gbkId);
    assert.equal(shot.get("Content-Type"), "image/png");
    assert.ok(shot.block.equals(binaryBody));
    assert.equal(warcFields(ids.get(shot.get("WARC-Concurrent-To")!)!.block).get("crawler-mode"), "browser");

    assert.equal(new Set(ids.keys()).size, records.length, "record ids unique");
    assert.deepEqual((await verifyWarcFiles(dir)).problems, [], "not under <dir>/warc: nothing to check");
  });

  test("each record is its own gzip member; a whole-file gunzip reads the same records", async () => {
    const dir = tempDir();
    const w = await WarcWriter.open(dir, info);
    await w.record(exchange({}));
    await w.close();
    const whole = zlib.gunzipSync(fs.readFileSync(w.file));
    const members = readWarcGz(w.file);
    let at = 0;
    for (const r of members) {
      const end = whole.indexOf("\r\n\r\n", whole.indexOf("Content-Length", at)) + 4 + r.block.length + 4;
      assert.ok(parseRecord(whole.subarray(at, end)).block.equals(r.block));
      at = end;
    }
    assert.equal(at, whole.length);
  });

  test("a failed write fails close() and leaves the .part file", async () => {
    const dir = tempDir();
    const w = await WarcWriter.open(dir, info);
    // The file's descriptor closed under the writer: every later write fails (EBADF), as on a lost disk.
    fs.closeSync((w as unknown as { fd: number }).fd);
    await w.record(exchange({}));
    await assert.rejects(w.close(), /EBADF/);
    assert.equal(await w.record(exchange({})), null);
    assert.deepEqual(fs.readdirSync(dir), [path.basename(w.partFile)]);
  });

  test("an aborted file stays .part", async () => {
    const dir = tempDir();
    const w = await WarcWriter.open(dir, info);
    await w.record(exchange({}));
    await w.abort();
    assert.deepEqual(fs.readdirSync(dir), [path.basename(w.partFile)]);
    assert.equal(await w.record(exchange({})), null, "nothing recorded after the end");
  });
});

const hosts = ["wanlian-keji.net", "kuaijie-daikuan.cn", "liangpin-shop.cn"];
const seeds = hosts.map((h) => `http://${h}/`);
const maxBodyBytes = 1_000_000;
const sweepsYaml = `sweeps:
  archive:
    kind: violations
    shardSites: 1
    mode: http
    screenshots: none
    warc: true
    politeness: { perHostDelayMillis: 0 }
    limits: { pageTimeoutSecs: 3, maxBodyBytes: ${maxBodyBytes}, maxSites: 1, maxDepth: 1 }
  plain:
    kind: violations
    mode: http
    screenshots: none
    politeness: { perHostDelayMillis: 0 }
    limits: { pageTimeoutSecs: 3, maxSites: 1, maxDepth: 1 }
  rendered:
    kind: violations
    mode: browser
    screenshots: findings
    warc: true
    politeness: { perHostDelayMillis: 0 }
    limits: { pageTimeoutSecs: 10, maxSites: 1, maxDepth: 1 }
`;

/** What the fixture web serves for a URL, fetched straight from it with a plain client. */
function served(web: FixtureWeb, url: string): Promise<{ status: number; body: Buffer }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get(
        { host: "127.0.0.1", port: web.port, path: u.pathname + u.search, headers: { host: u.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      )
      .on("error", reject);
  });
}

function runFiles(env: ReturnType<typeof testEnv>, runId: number): string[] {
  const dir = path.join(evidenceDir(env), "warc", `run-${runId}`);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .sort()
        .map((f) => path.join(dir, f))
    : [];
}

eachProvider("WARC archive of a sweep", ({ db, temp, provider }) => {
  let web: FixtureWeb;
  let env: ReturnType<typeof testEnv>;
  let run: RunView;
  let requested: string[];
  let files: string[];
  let records: WarcRecord[];

  before(async () => {
    const world = await startFixtureWorld(db(), temp().dataDir, {
      slowPageDelayMs: 200,
      hugePageBytes: 1_500_000,
    });
    web = world.web;
    env = testEnv(db(), temp().dataDir, testConfigDir(temp().dataDir, sweepsYaml), web.hostMap);
    web.requests.clear();
    run = await sweepNow(db(), env, "archive", seeds);
    requested = web.requests.urls();
    files = runFiles(env, run.id);
    records = files.flatMap((f) => readWarcGz(f));
  });
  after(async () => web?.close());

  test("one file per shard, named by run and shard, none left as .part; the run records the option", () => {
    assert.equal(run.status, "completed");
    assert.equal(JSON.parse(run.options).warc, true);
    assert.deepEqual(
      files.map((f) => path.basename(f).replace(/-[0-9a-f]{6}\./, "-RAND.")),
      ["shard-0-a1-RAND.warc.gz", "shard-1-a1-RAND.warc.gz", "shard-2-a1-RAND.warc.gz"],
    );
    for (const f of files) assert.equal(readWarcGz(f)[0]!.get("WARC-Type"), "warcinfo");
  });

  test("every exchange with an answer is archived as request, response and metadata", () => {
    const ofType = (t: string) => records.filter((r) => r.get("WARC-Type") === t);
    const requests = ofType("request");
    const responses = ofType("response");
    const metadata = ofType("metadata");
    assert.equal(responses.length, requests.length);
    assert.equal(metadata.length, requests.length);
    // Only a connection closed before any answer leaves nothing to archive.
    const answered = requested.filter((u) => !u.endsWith("/error/no-response"));
    assert.deepEqual(
      requests.map((r) => r.get("WARC-Target-URI")).sort(),
      answered.sort(),
      "each request once",
    );
    for (const must of [
      "http://wanlian-keji.net/",
      "http://wanlian-keji.net/redirect/start",
      "http://wanlian-keji.net/redirect/step2",
      "http://wanlian-keji.net/redirect/final",
      "http://wanlian-keji.net/robots.txt",
      "http://wanlian-keji.net/error/500",
      "http://kuaijie-daikuan.cn/about.html",
      "http://liangpin-shop.cn/robots.txt",
    ])
      assert.ok(answered.includes(must), `${must} fetched and archived`);
    for (const r of requests)
      assert.match(r.block.toString("latin1"), /^GET \S+ HTTP\/1\.1\r\n[\s\S]*user-agent: .*redshield/i);
    assert.ok(!requests.some((r) => r.get("WARC-Target-URI")!.includes("/private/")), "robots.txt obeyed");
  });

  test("record ids are unique and every link resolves; digests match the bytes", () => {
    const ids = byId(records);
    assert.equal(ids.size, records.length);
    for (const r of records) {
      assert.equal(r.get("WARC-Block-Digest"), sha256Label(r.block));
      for (const link of [
        ...r.all("WARC-Concurrent-To"),
        ...r.all("WARC-Refers-To"),
        ...r.all("WARC-Warcinfo-ID"),
      ])
        assert.ok(ids.has(link), `${r.get("WARC-Type")} ${r.get("WARC-Target-URI")} links to ${link}`);
      if (r.get("WARC-Type") !== "response") continue;
      assert.equal(r.get("WARC-Payload-Digest"), sha256Label(parseHttpBlock(r.block).body));
      const linked = r.all("WARC-Concurrent-To").map((id) => ids.get(id)!);
      assert.deepEqual(
        linked.map((x) => x.get("WARC-Type")),
        ["request", "metadata"],
      );
      for (const x of linked) {
        assert.equal(x.get("WARC-Concurrent-To"), r.get("WARC-Record-ID"));
        assert.equal(x.get("WARC-Target-URI"), r.get("WARC-Target-URI"));
      }
    }
  });

  test("response bodies are exactly what the fixture web serves (GBK and binary bytes included)", async () => {
    const complete = records.filter((r) => r.get("WARC-Type") === "response" && !r.get("WARC-Truncated"));
    assert.ok(complete.length >= 15, `${complete.length} complete responses`);
    for (const r of complete) {
      const url = r.get("WARC-Target-URI")!;
      const got = parseHttpBlock(r.block);
      const want = await served(web, url);
      assert.equal(Number(got.startLine.split(" ")[1]), want.status, url);
      assert.ok(got.body.equals(want.body), `body of ${url}`);
    }
    const gbk = complete.find((r) => r.get("WARC-Target-URI") === "http://kuaijie-daikuan.cn/")!;
    assert.equal(parseHttpBlock(gbk.block).header("content-type"), "text/html; charset=gbk");
    assert.match(iconv.decode(parseHttpBlock(gbk.block).body, "gb18030"), /客服专员：陈喆/);
    const binary = parseHttpBlock(
      complete.find((r) => r.get("WARC-Target-URI")!.endsWith("/binary.html"))!.block,
    );
    assert.equal(binary.header("X-Redshield-Original-Transfer-Encoding"), "chunked");
    assert.equal(binary.body.length, 65_536);
  });

  test("bodies cut at the size cap or by a dropped connection are marked truncated", async () => {
    const response = (suffix: string) =>
      records.find((r) => r.get("WARC-Type") === "response" && r.get("WARC-Target-URI")!.endsWith(suffix))!;
    const declared = response("/huge");
    assert.equal(declared.get("WARC-Truncated"), "length");
    assert.equal(
      parseHttpBlock(declared.block).body.length,
      0,
      "refused on its Content-Length: no body read",
    );
    const chunked = response("/huge-chunked");
    assert.equal(chunked.get("WARC-Truncated"), "length");
    const kept = parseHttpBlock(chunked.block).body;
    assert.equal(kept.length, maxBodyBytes);
    assert.ok(
      (await served(web, "http://wanlian-keji.net/huge-chunked")).body.subarray(0, maxBodyBytes).equals(kept),
    );
    const reset = response("/error/reset");
    assert.equal(reset.get("WARC-Truncated"), "disconnect");
    assert.ok(parseHttpBlock(reset.block).body.length > 0);
    const meta = warcFields(byId(records).get(chunked.all("WARC-Concurrent-To")[1]!)!.block);
    assert.equal(meta.get("truncated"), `length; ${maxBodyBytes} bytes kept`);
  });

  test("metadata names the version, sweep, run, shard, crawler mode and fetch time", () => {
    for (const file of files) {
      const seq = /shard-(\d+)-/.exec(file)![1];
      for (const r of readWarcGz(file).filter((x) => x.get("WARC-Type") === "metadata")) {
        const m = warcFields(r.block);
        assert.equal(m.get("software"), `redshield/${version}`);
        assert.equal(m.get("sweep"), "archive");
        assert.equal(m.get("run"), String(run.id));
        assert.equal(m.get("shard"), seq);
        assert.equal(m.get("shard-attempt"), "1");
        assert.equal(m.get("crawler-mode"), "http");
        assert.equal(m.get("fetch-time"), r.get("WARC-Date"));
      }
    }
  });

  test("evidence verify re-hashes every record and names an altered one", async () => {
    const store = new EvidenceStore(evidenceDir(env));
    const report = await verifyEvidence(db().prisma, store);
    assert.equal(report.warc.files, 3);
    assert.equal(report.warc.records, records.length);
    assert.deepEqual(report.warc.problems, []);
    const cliEnvironment = cliEnv(db().url, { REDSHIELD_EVIDENCE_DIR: evidenceDir(env) });
    const clean = await runRedshield(["evidence", "verify"], cliEnvironment);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(
      clean.stdout,
      new RegExp(`checked 3 WARC files \\(${records.length} records\\): all digests match`),
    );
    // A copy of one file with one byte of a response body changed (its member re-compressed).
    const file = files[1]!;
    const raw = fs.readFileSync(file);
    const members = readWarcGz(file);
    const victim = members.find((r) => r.get("WARC-Type") === "response")!;
    const end = members[members.indexOf(victim) + 1]!.offset;
    const plain = zlib.gunzipSync(raw.subarray(victim.offset, end));
    const at = plain.length - 10;
    plain[at] = plain[at]! ^ 1;
    const altered = path.join(path.dirname(file), "altered-copy.warc.gz");
    fs.writeFileSync(
      altered,
      Buffer.concat([raw.subarray(0, victim.offset), zlib.gzipSync(plain), raw.subarray(end)]),
    );
    fs.writeFileSync(path.join(path.dirname(file), "cut-copy.warc.gz"), raw.subarray(0, raw.length - 30));
    try {
      const again = await verifyWarcFiles(evidenceDir(env));
      assert.deepEqual(again.problems.map((p) => [path.basename(p.file), p.problem]).sort(), [
        ["altered-copy.warc.gz", "altered"],
        ["cut-copy.warc.gz", "unreadable"],
      ]);
      assert.equal(again.problems.find((p) => p.problem === "altered")!.record, victim.get("WARC-Record-ID"));
      const dirty = await runRedshield(["evidence", "verify"], cliEnvironment);
      assert.equal(dirty.code, 1);
      assert.ok(
        dirty.stdout.includes(`ALTERED warc ${victim.get("WARC-Record-ID")} ${altered}`),
        dirty.stdout,
      );
      assert.match(dirty.stdout, /UNREADABLE warc .*cut-copy\.warc\.gz/);
    } finally {
      fs.rmSync(altered);
      fs.rmSync(path.join(path.dirname(file), "cut-copy.warc.gz"));
    }
  });

  test("with warc off no file is written", async () => {
    const plain = await sweepNow(db(), env, "plain", [seeds[1]!]);
    assert.equal(plain.status, "completed");
    assert.ok(plain.pagesFetched > 0);
    assert.equal(JSON.parse(plain.options).warc, false);
    assert.deepEqual(runFiles(env, plain.id), []);
    assert.ok(!fs.existsSync(path.join(evidenceDir(env), "warc", `run-${plain.id}`)));
  });

  // Chromium is slow: the browser-mode records are checked on one provider.
  if (provider !== "sqlite") return;
  test("browser mode: the rendered HTML and the screenshot as conversion records of the page", async () => {
    const rendered = await sweepNow(db(), env, "rendered", ["http://kuaijie-daikuan.cn/"]);
    assert.equal(rendered.status, "completed");
    const all = runFiles(env, rendered.id).flatMap((f) => readWarcGz(f));
    const ids = byId(all);
    const conversions = all.filter((r) => r.get("WARC-Type") === "conversion");
    const pages = all.filter(
      (r) =>
        r.get("WARC-Type") === "response" &&
        !r.get("WARC-Target-URI")!.endsWith("/robots.txt") &&
        parseHttpBlock(r.block).startLine.startsWith("HTTP/1.1 200 "),
    );
    assert.ok(pages.length >= 2);
    const html = conversions.filter((r) => r.get("Content-Type") === "text/html; charset=utf-8");
    assert.deepEqual(
      html.map((r) => r.get("WARC-Target-URI")).sort(),
      pages.map((r) => r.get("WARC-Target-URI")).sort(),
    );
    for (const r of conversions) {
      const original = ids.get(r.get("WARC-Refers-To")!)!;
      assert.equal(original.get("WARC-Type"), "response");
      assert.equal(original.get("WARC-Target-URI"), r.get("WARC-Target-URI"));
      assert.equal(r.get("WARC-Block-Digest"), sha256Label(r.block));
      assert.equal(warcFields(ids.get(r.get("WARC-Concurrent-To")!)!.block).get("crawler-mode"), "browser");
    }
    const home = html.find((r) => r.get("WARC-Target-URI") === "http://kuaijie-daikuan.cn/")!;
    assert.match(home.block.toString("utf8"), /客服专员：陈喆/, "rendered DOM, decoded from GBK by Chromium");
    const shots = conversions.filter((r) => r.get("Content-Type") === "image/png");
    assert.deepEqual(
      shots.map((r) => r.get("WARC-Target-URI")),
      ["http://kuaijie-daikuan.cn/"],
      "the page with a finding",
    );
    assert.ok(
      shots[0]!.block.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    );
  });
});
