// The shard frontier as Crawlee's request manager: first in, first out, each unique key once,
// retries put back, finished only when nothing is queued or in progress; and a real BasicCrawler
// run over it handles every request once, retries failures, and reports the rest as failed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { BasicCrawler, Configuration, log, type RequestQueue } from "crawlee";
import { ShardFrontier } from "../../crawlers/shared/frontier.ts";

log.setLevel(log.LEVELS.OFF);

test("first in, first out; each unique key once; reclaimed requests come back", async () => {
  const f = new ShardFrontier();
  assert.equal(f.add([{ url: "http://a.cn/1" }, { url: "http://a.cn/2" }, { url: "http://a.cn/1" }]), 2);
  assert.equal(f.add([{ url: "http://a.cn/x", uniqueKey: "http://a.cn/2" }]), 0);
  assert.equal(f.getTotalCount(), 2);
  const first = await f.fetchNextRequest();
  assert.equal(first?.url, "http://a.cn/1");
  assert.equal(await f.isEmpty(), false);
  const second = await f.fetchNextRequest();
  assert.equal(second?.url, "http://a.cn/2");
  assert.equal(await f.fetchNextRequest(), null);
  assert.equal(await f.isEmpty(), true);
  assert.equal(await f.isFinished(), false, "two requests still in progress");
  assert.equal(f.getPendingCount(), 2);
  await f.reclaimRequest(first!);
  await f.markRequestHandled(second!);
  assert.equal((await f.fetchNextRequest())?.url, "http://a.cn/1");
  await f.markRequestHandled(first!);
  assert.equal(await f.isFinished(), true);
  assert.equal(await f.handledCount(), 2);
  assert.equal(f.add([{ url: "http://a.cn/1" }]), 0, "a handled URL is not queued again");
});

test("a long frontier releases what it handed out and keeps its order", async () => {
  const f = new ShardFrontier();
  const n = 5000;
  f.add(Array.from({ length: n }, (_, i) => ({ url: `http://a.cn/${i}` })));
  const order: string[] = [];
  for (let r = await f.fetchNextRequest(); r; r = await f.fetchNextRequest()) {
    order.push(r.url);
    if (order.length === 3000) f.add([{ url: "http://a.cn/late" }]);
    await f.markRequestHandled(r);
  }
  assert.equal(order.length, n + 1);
  assert.deepEqual(order.slice(0, 3), ["http://a.cn/0", "http://a.cn/1", "http://a.cn/2"]);
  assert.equal(order.at(-1), "http://a.cn/late");
  assert.equal(await f.isFinished(), true);
});

test("BasicCrawler over the frontier: every request once, a failure retried, a hopeless one failed", async () => {
  const f = new ShardFrontier();
  f.add(Array.from({ length: 40 }, (_, i) => ({ url: `http://a.cn/${i}` })));
  const handled: string[] = [];
  const failed: string[] = [];
  let flaky = 0;
  const crawler = new BasicCrawler(
    {
      requestQueue: f as unknown as RequestQueue,
      useSessionPool: false,
      maxRequestRetries: 1,
      maxConcurrency: 8,
      requestHandler: async ({ request }) => {
        if (request.url === "http://a.cn/7" && flaky++ === 0) throw new Error("first try fails");
        if (request.url === "http://a.cn/9") throw new Error("always fails");
        if (request.url === "http://a.cn/0") f.add([{ url: "http://a.cn/added" }, { url: "http://a.cn/5" }]);
        handled.push(request.url);
      },
      failedRequestHandler: async ({ request }) => {
        failed.push(request.url);
      },
    },
    new Configuration({ persistStorage: false }),
  );
  await crawler.run();
  assert.equal(handled.length, 40, "39 of the seeds and the one added");
  assert.equal(new Set(handled).size, 40);
  assert.ok(handled.includes("http://a.cn/7"), "retried after its first failure");
  assert.ok(handled.includes("http://a.cn/added"));
  assert.deepEqual(failed, ["http://a.cn/9"]);
  assert.equal(flaky, 2);
  assert.equal(await f.isFinished(), true);
});
