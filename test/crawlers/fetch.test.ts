import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { Fetcher } from "../../crawlers/shared/fetch.ts";
import { HostGate } from "../../crawlers/shared/host-gate.ts";
import { canonicalUrl, VariantLimiter } from "../../crawlers/shared/urls.ts";
import { PageError } from "../../src/errors.ts";
import { parseHostMap } from "../../src/page/host-map.ts";

let server: http.Server;
let fetcher: Fetcher;
const limits = { pageTimeoutSecs: 2, maxBodyBytes: 100_000, maxRedirects: 3 };
const seenHosts: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    seenHosts.push(String(req.headers.host));
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/ok") res.end("<html>你好</html>");
    else if (path === "/slow") setTimeout(() => res.end("late"), 5000).unref();
    else if (path === "/huge") {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, 97);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on("close", () => clearInterval(timer));
    } else if (path === "/loop") res.writeHead(302, { location: "/loop" }).end();
    else if (path === "/hop") res.writeHead(301, { location: "/ok" }).end();
    else if (path === "/reset") {
      res.writeHead(200, { "content-length": "1000" });
      res.write("partial");
      setTimeout(() => res.destroy(), 20);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  fetcher = new Fetcher(parseHostMap(`*.cn=127.0.0.1:${port}`), "redshield-test");
});
after(() => {
  server.closeAllConnections();
  server.close();
});

async function kindOf(url: string): Promise<string> {
  try {
    await fetcher.get(url, limits);
    return "ok";
  } catch (e) {
    assert.ok(e instanceof PageError, String(e));
    return e.kind;
  }
}

test("host map: the URL keeps its host name, the connection goes to the mapped address", async () => {
  const page = await fetcher.get("http://shop.example.cn/ok", limits);
  assert.equal(page.status, 200);
  assert.equal(page.body.toString(), "<html>你好</html>");
  assert.equal(seenHosts.at(-1), "shop.example.cn");
  assert.equal(page.requestHeaders["user-agent"], "redshield-test");
});

test("redirects are followed and recorded, loops stop at the hop limit", async () => {
  const page = await fetcher.get("http://shop.example.cn/hop", limits);
  assert.equal(page.finalUrl, "http://shop.example.cn/ok");
  assert.deepEqual(page.redirects, ["http://shop.example.cn/hop"]);
  assert.equal(await kindOf("http://shop.example.cn/loop"), "too_many_redirects");
});

test("slow, huge and reset pages end as errors of their kind, quickly", async () => {
  const started = Date.now();
  assert.equal(await kindOf("http://shop.example.cn/slow"), "timeout");
  assert.ok(Date.now() - started < 4000);
  assert.equal(await kindOf("http://shop.example.cn/huge"), "too_large");
  assert.equal(await kindOf("http://shop.example.cn/reset"), "connection_reset");
  assert.equal(await kindOf("http://unmapped.invalid/ok"), "dns");
});

test("URL hygiene: fragments and session ids go, query order is canonical", () => {
  assert.equal(
    canonicalUrl("HTTP://Shop.CN:80/a;jsessionid=ABC?b=2&sid=9&a=1#top"),
    "http://shop.cn/a?a=1&b=2",
  );
  assert.equal(canonicalUrl("javascript:alert(1)"), null);
  assert.equal(canonicalUrl("/x", "http://shop.cn/y/z"), "http://shop.cn/x");
  const limiter = new VariantLimiter(3);
  const admitted = Array.from({ length: 10 }, (_, i) =>
    limiter.admit(`http://shop.cn/calendar?month=${i}`),
  ).filter(Boolean);
  assert.equal(admitted.length, 3);
});

test("per-host gate: at most N in flight per host, other hosts unaffected", async () => {
  const gate = new HostGate(2, 0);
  let inFlight = 0;
  let peak = 0;
  const job = () =>
    gate.run("a.cn", async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
    });
  const other = gate.run("b.cn", async () => "b");
  await Promise.all([job(), job(), job(), job(), job(), other]);
  assert.equal(peak, 2);
  assert.equal(await other, "b");
});
