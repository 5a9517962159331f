// fetchOne against a real HTTP server on 127.0.0.1, reached through the host map: the URL and
// Host header keep the real name, redirects are followed, bodies are decompressed and limited,
// and a server that never answers costs no more than the deadline.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import zlib from "node:zlib";
import type { PageError } from "../../../src/errors.ts";
import { parseHostMap } from "../../../src/page/host-map.ts";
import { fetchOne } from "../../../src/page/index.ts";

let server: http.Server;
let port = 0;
const hosts: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? "");
    if (req.url === "/gzip") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" });
      res.end(zlib.gzipSync(Buffer.from("<p>压缩的网页</p>")));
    } else if (req.url === "/moved") res.writeHead(302, { location: "/final" }).end();
    else if (req.url === "/elsewhere")
      res.writeHead(301, { location: "http://other.example.cn/final" }).end();
    else if (req.url === "/loop") res.writeHead(302, { location: "/loop" }).end();
    else if (req.url === "/final") res.writeHead(200, { "content-type": "text/html" }).end("final page");
    else if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once("drain", pump);
        else res.end();
      };
      pump();
    } else if (req.url === "/silent") {
      // never answers
    } else res.writeHead(404, { "content-type": "text/plain" }).end("missing");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const hostMap = () => parseHostMap(`*.cn=127.0.0.1:${port}`);

test("a mapped host is fetched with its own name in the Host header; gzip is decompressed", async () => {
  const page = await fetchOne("http://shop.example.cn/gzip", { hostMap: hostMap() });
  assert.equal(page.status, 200);
  assert.equal(page.body.toString("utf8"), "<p>压缩的网页</p>");
  assert.equal(page.contentType, "text/html; charset=utf-8");
  assert.equal(hosts.at(-1), "shop.example.cn");
});

test("redirects are followed, to other mapped hosts too; a loop stops", async () => {
  const moved = await fetchOne("http://shop.example.cn/moved", { hostMap: hostMap() });
  assert.deepEqual([moved.finalUrl, moved.body.toString()], ["http://shop.example.cn/final", "final page"]);
  const elsewhere = await fetchOne("http://shop.example.cn/elsewhere", { hostMap: hostMap() });
  assert.equal(elsewhere.finalUrl, "http://other.example.cn/final");
  assert.equal(hosts.at(-1), "other.example.cn");
  await assert.rejects(
    fetchOne("http://shop.example.cn/loop", { hostMap: hostMap(), maxRedirects: 3 }),
    (e: PageError) => {
      assert.equal(e.kind, "too_many_redirects");
      return true;
    },
  );
});

test("an error status is returned, not thrown: the caller decides", async () => {
  const page = await fetchOne("http://shop.example.cn/nothing", { hostMap: hostMap() });
  assert.deepEqual([page.status, page.body.toString()], [404, "missing"]);
});

test("a body over the size limit fails with too_large", async () => {
  await assert.rejects(
    fetchOne("http://shop.example.cn/huge", { hostMap: hostMap(), maxBodyBytes: 100_000 }),
    (e: PageError) => {
      assert.equal(e.kind, "too_large");
      return true;
    },
  );
});

test("a server that never answers costs the deadline, then a timeout error", async () => {
  const started = Date.now();
  await assert.rejects(
    fetchOne("http://shop.example.cn/silent", { hostMap: hostMap(), timeoutSecs: 1 }),
    (e: PageError) => {
      assert.equal(e.kind, "timeout");
      return true;
    },
  );
  assert.ok(Date.now() - started < 5000);
});

test("only http(s) URLs are fetched", async () => {
  await assert.rejects(fetchOne("ftp://shop.example.cn/"), (e: PageError) => e.kind === "bad_url");
  await assert.rejects(fetchOne("not a url"), (e: PageError) => e.kind === "bad_url");
});
