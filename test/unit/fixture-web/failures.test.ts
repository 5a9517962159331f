// Every way a fetch can go wrong on wanlian-keji.net: status codes, broken connections,
// redirects, the slow page's delay and the huge page's exact size.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { defaultHugePageBytes } from "../../fixtures/web/manifest.ts";
import { type FixtureWeb, startFixtureWeb } from "../../helpers/site-server.ts";
import { fetchVia, receivedBytes } from "./client.ts";

const site = "http://wanlian-keji.net";

describe("failing, redirecting and slow pages", () => {
  let web: FixtureWeb;
  const slowMs = 400;
  before(async () => {
    web = await startFixtureWeb({ slowPageDelayMs: slowMs, hugePageBytes: 3_000_000 });
  });
  after(() => web.close());
  const get = (path: string, timeoutMs?: number) => fetchVia(web.port, `${site}${path}`, { timeoutMs });

  test("500 and 503 (with Retry-After)", async () => {
    assert.equal((await get("/error/500")).status, 500);
    const unavailable = await get("/error/503");
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.headers["retry-after"], "120");
  });

  test("a connection reset mid-body and one closed before any answer", async () => {
    const reset = await get("/error/reset");
    assert.equal(reset.status, 200);
    assert.equal(reset.complete, false);
    assert.ok(receivedBytes(reset) > 0 && receivedBytes(reset) < Number(reset.headers["content-length"]));
    const none = await get("/error/no-response");
    assert.equal(none.status, 0);
    assert.equal(none.complete, false);
    assert.ok(none.error);
  });

  test("redirect chain 301 → 302 → 200, a loop, and an endless chain", async () => {
    const first = await get("/redirect/start");
    assert.equal(first.status, 301);
    assert.equal(first.headers.location, "/redirect/step2");
    const second = await get("/redirect/step2");
    assert.equal(second.status, 302);
    assert.equal(second.headers.location, "/redirect/final");
    assert.equal((await get("/redirect/final")).status, 200);
    assert.equal((await get("/redirect/loop-a")).headers.location, "/redirect/loop-b");
    assert.equal((await get("/redirect/loop-b")).headers.location, "/redirect/loop-a");
    assert.equal((await get("/redirect/endless/41")).headers.location, "/redirect/endless/42");
  });

  test("the slow page answers only after its delay, so a shorter client timeout fires", async () => {
    const started = Date.now();
    const late = await get("/slow");
    assert.equal(late.status, 200);
    assert.ok(Date.now() - started >= slowMs - 5, `answered after ${Date.now() - started} ms`);
    const cut = await get("/slow", 150);
    assert.equal(cut.error, "timeout");
  });

  test("malformed HTML and binary bytes are served as text/html with 200", async () => {
    const malformed = await get("/malformed.html");
    assert.equal(malformed.status, 200);
    assert.match(malformed.body.toString(), /<<div>/);
    const binary = await get("/binary.html");
    assert.equal(binary.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(binary.body.length, 65_536);
    assert.ok(binary.body.includes(0));
  });

  test("the huge page has exactly the configured size, with and without Content-Length", async () => {
    const declared = await get("/huge");
    assert.equal(declared.headers["content-length"], "3000000");
    assert.equal(declared.body.length, 3_000_000);
    assert.ok(declared.body.subarray(0, 15).toString() === "<!DOCTYPE html>");
    assert.ok(declared.body.subarray(-8).toString() === "</html>\n");
    assert.equal(new TextDecoder("utf-8", { fatal: true }).decode(declared.body).length > 0, true);
    const chunked = await get("/huge-chunked");
    assert.equal(chunked.headers["content-length"], undefined);
    assert.equal(chunked.headers["transfer-encoding"], "chunked");
    assert.deepEqual(chunked.body, declared.body);
  });
});

describe("the huge page at its default size", () => {
  let web: FixtureWeb;
  before(async () => {
    web = await startFixtureWeb();
  });
  after(() => web.close());

  test("50 MB are streamed in full to a client that reads them", async () => {
    const head = await fetchVia(web.port, `${site}/huge`, { method: "HEAD" });
    assert.equal(head.headers["content-length"], String(defaultHugePageBytes));
    const started = Date.now();
    const f = await fetchVia(web.port, `${site}/huge-chunked`, { discardBody: true, timeoutMs: 30_000 });
    assert.equal(f.complete, true);
    assert.equal(receivedBytes(f), defaultHugePageBytes);
    assert.ok(Date.now() - started < 20_000);
  });

  test("a client that disconnects mid-stream leaves the server serving", async () => {
    const aborted = await fetchVia(web.port, `${site}/huge`, {
      discardBody: true,
      abortAfterBytes: 1_000_000,
    });
    assert.equal(aborted.complete, false);
    assert.ok(receivedBytes(aborted) < defaultHugePageBytes);
    assert.equal((await fetchVia(web.port, `${site}/`)).status, 200);
  });
});
