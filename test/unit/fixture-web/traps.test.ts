// Crawler traps never end: the calendar always has a next month, session ids make every link new,
// the entry chain always goes one deeper.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type FixtureWeb, startFixtureWeb } from "../../helpers/site-server.ts";
import { fetchVia } from "./client.ts";
import { linksOf } from "./crawl.ts";

describe("crawler traps", () => {
  let web: FixtureWeb;
  before(async () => {
    web = await startFixtureWeb();
  });
  after(() => web.close());

  async function page(url: string): Promise<{ status: number; links: string[] }> {
    const f = await fetchVia(web.port, url);
    return { status: f.status, links: f.status === 200 ? linksOf(f.body.toString(), url) : [] };
  }

  test("the calendar links the next month forever, across year ends", async () => {
    let url = "http://huodong-rili.com/calendar?month=2026-11";
    const seen = new Set<string>();
    for (let hop = 0; hop < 40; hop++) {
      const p = await page(url);
      assert.equal(p.status, 200, url);
      seen.add(url);
      const next = p.links.find((l) => l.includes("/calendar?month=") && !seen.has(l) && l > url);
      assert.ok(next, `a next month after ${url}`);
      url = next;
    }
    assert.equal(url, "http://huodong-rili.com/calendar?month=2030-03");
    assert.ok(
      (await page("http://huodong-rili.com/calendar?month=2026-12")).links.includes(
        "http://huodong-rili.com/calendar?month=2027-01",
      ),
    );
    assert.equal((await page("http://huodong-rili.com/calendar?month=2026-13")).status, 404);
  });

  test("session ids change on every link, in both ;jsessionid= and ?sid= form", async () => {
    const seen = new Set<string>();
    let url = "http://wanjia-chaoshi.cn/";
    for (let hop = 0; hop < 30; hop++) {
      const p = await page(url);
      assert.equal(p.status, 200, url);
      const sessionLinks = p.links.filter((l) => /;jsessionid=|[?&]sid=/.test(l));
      assert.ok(sessionLinks.length >= 3);
      for (const l of sessionLinks) assert.ok(!seen.has(l), `${l} repeats`);
      for (const l of sessionLinks) seen.add(l);
      url = sessionLinks[hop % sessionLinks.length]!;
    }
    assert.ok([...seen].some((l) => l.includes(";jsessionid=")));
    assert.ok([...seen].some((l) => l.includes("?sid=")));
  });

  test("the entry chain always links one entry deeper", async () => {
    let url = "http://baike-lianjie.net/";
    for (let depth = 1; depth <= 25; depth++) {
      const next = (await page(url)).links.find((l) => l.endsWith(`/entry/${depth}`));
      assert.ok(next, `entry ${depth} is linked from ${url}`);
      url = next;
    }
    assert.ok(
      (await page("http://baike-lianjie.net/entry/999999")).links.includes(
        "http://baike-lianjie.net/entry/1000000",
      ),
    );
    assert.equal((await page("http://baike-lianjie.net/entry/0")).status, 404);
  });
});
