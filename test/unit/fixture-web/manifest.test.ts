// The manifest is complete and consistent with what the server serves: every manifest URL answers
// 200, every register row is valid and matches the CSV, every expected finding is reachable from
// the seeds under robots.txt, forbidden pages are linked but never reached, and each page's text
// carries the markers of exactly what it was built to show.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { categories } from "../../../src/findings/index.ts";
import { normaliseDomain, parseIcp, usccProblem } from "../../../src/identity/index.ts";
import {
  type Category,
  expectedFindings,
  forbiddenUrls,
  labelFixtures,
  pageUrls,
  registerCsv,
  registerRows,
  seedUrls,
  sites,
} from "../../fixtures/web/manifest.ts";
import { type FixtureWeb, startFixtureWeb } from "../../helpers/site-server.ts";
import { fetchVia } from "./client.ts";
import { type CrawlResult, crawl, matchingText } from "./crawl.ts";

/** Strong phrases per content category (domain.md), as they read after separator stripping. */
const markers: Partial<Record<Category, string[]>> = {
  p2p_lending: ["保本保息", "本息保障", "刚性兑付", "剛性兌付", "资金池", "資金池"],
  cash_loan: ["到账", "到手", "日息"],
  bank_card_trading: ["收购银行卡", "四件套", "对公账户"],
  micro_trading: ["买涨", "买跌", "微交易"],
  pyramid_selling: ["入门费", "直推", "见点奖", "报单"],
  false_advertising: ["国家级", "最佳", "根治"],
  counterfeit: ["高仿", "复刻", "原单"],
  elderly_scam: ["老年人", "免费体验", "送鸡蛋"],
};
/** Words a clean commercial page must avoid entirely (absolute terms and lures). */
const cleanPageBans = [
  "最",
  "第一",
  "唯一",
  "顶级",
  "秒杀",
  "领取",
  "免费体验",
  ...Object.values(markers).flat(),
];
const quotingRoles = new Set([
  "hard-negative-news",
  "hard-negative-regulator",
  "hard-negative-compliant-lending",
]);

test("every register row has a valid USCC, ICP number and domains, and the CSV holds exactly these rows", () => {
  assert.ok(registerRows.length >= 30);
  for (const row of registerRows) {
    assert.equal(usccProblem(row.uscc), null, `${row.name}: ${row.uscc}`);
    assert.notEqual(parseIcp(row.icp), null, `${row.name}: ${row.icp}`);
    for (const d of row.domains) assert.deepEqual(normaliseDomain(d), { ok: true, domain: d });
  }
  assert.equal(new Set(registerRows.map((r) => r.uscc)).size, registerRows.length, "USCCs are unique");
  const csv = fs.readFileSync(new URL("../../fixtures/registers/fixture-web.csv", import.meta.url), "utf8");
  assert.equal(csv, registerCsv(registerRows));
});

test("sites, expectations and label fixtures agree with each other", () => {
  const hosts = sites.flatMap((s) => [s.host, ...s.aliases]);
  assert.equal(new Set(hosts).size, hosts.length, "hosts are unique");
  for (const s of sites) {
    if (s.register) assert.ok(s.register.domains.includes(s.host), `${s.host} is in its own register row`);
    for (const e of s.expected) {
      assert.ok(categories.includes(e.category), `${e.url}: ${e.category}`);
      assert.ok(s.pageUrls.includes(e.url), `${e.url} is one of the site's pages`);
    }
  }
  for (const label of labelFixtures) {
    const row = registerRows.find((r) => r.uscc === label.holderUscc);
    assert.ok(row, `label holder ${label.holderUscc} is registered`);
    assert.deepEqual([...label.domains], [...row.domains]);
  }
  const found = new Set(expectedFindings({ render: true }).map((f) => f.category));
  assert.deepEqual([...found].sort(), [...categories].sort(), "every category is exercised");
  const httpOnly = expectedFindings({ render: false });
  assert.ok(httpOnly.length < expectedFindings({ render: true }).length);
  assert.ok(httpOnly.every((f) => !f.url.startsWith("http://yinghe-jiekuan.cn/")));
});

describe("served fixture web", () => {
  let web: FixtureWeb;
  let reached: CrawlResult;
  before(async () => {
    web = await startFixtureWeb({ slowPageDelayMs: 20, hugePageBytes: 200_000 });
    reached = await crawl(web.port, seedUrls);
  });
  after(() => web.close());

  test("every manifest URL answers 200", async () => {
    for (const url of pageUrls) {
      const f = await fetchVia(web.port, url);
      assert.equal(f.status, 200, url);
    }
  });

  test("every expected finding is reachable from the seeds under robots.txt", () => {
    for (const f of expectedFindings({ render: true })) assert.ok(reached.pages.has(f.url), f.url);
    const listed = sites.filter((s) => s.role !== "external-service" && s.role !== "lookalike-verify-host");
    for (const s of listed) {
      const hosts = [s.host, ...s.aliases];
      const allForbidden = s.pageUrls.every((u) => s.forbiddenUrls.includes(u));
      const fetched = [...reached.fetched].some((u) => hosts.includes(new URL(u).host));
      assert.ok(fetched || allForbidden, `${s.host} reached`);
    }
  });

  test("robots-forbidden pages are linked but never fetched by a polite crawl", () => {
    assert.ok(forbiddenUrls.length >= 4);
    for (const url of forbiddenUrls) {
      assert.ok(!reached.fetched.has(url), `${url} fetched`);
      // A page of a site whose homepage is forbidden is only linked from forbidden pages.
      const home = `http://${new URL(url).host}/`;
      const seen = reached.linked.has(url) || (forbiddenUrls.includes(home) && reached.linked.has(home));
      assert.ok(seen, `${url} is linked from a page a polite crawler sees`);
    }
  });

  test("pages carry the markers of exactly the categories they were built to show", () => {
    const expectedByUrl = new Map<string, Category[]>();
    for (const s of sites)
      for (const e of s.expected) expectedByUrl.set(e.url, [...(expectedByUrl.get(e.url) ?? []), e.category]);
    const roleOf = (url: string) =>
      sites.find((s) => [s.host, ...s.aliases].includes(new URL(url).host))?.role;
    let checked = 0;
    for (const [url, html] of reached.pages) {
      const text = matchingText(html);
      const expected = (expectedByUrl.get(url) ?? []).filter((c) => markers[c]);
      for (const c of expected) {
        const renderOnly = sites.some((s) => s.expected.some((e) => e.url === url && e.renderOnly));
        const hits = markers[c]!.filter((m) => text.includes(m));
        if (renderOnly) assert.deepEqual(hits, [], `${url} must not show ${c} before rendering`);
        else assert.ok(hits.length > 0, `${url} shows ${c}`);
      }
      if (expected.length === 0 && !quotingRoles.has(roleOf(url) ?? "")) {
        const bad = cleanPageBans.filter((w) => text.includes(w));
        assert.deepEqual(bad, [], `${url} should be clean`);
        checked++;
      }
    }
    assert.ok(checked > 100, `checked ${checked} clean pages`);
  });
});
