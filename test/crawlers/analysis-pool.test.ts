import assert from "node:assert/strict";
import { test } from "node:test";
import { openAnalysisPool } from "../../crawlers/shared/analysis-pool.ts";
import { loadRulePacks } from "../../src/signals/index.ts";

const packs = loadRulePacks("config/rules");
const page = Buffer.from("<html><body><p>本平台承诺保本保息，年化收益18%，资金池运作。</p></body></html>");

test("worker threads give the same analysis as the inline path", async () => {
  const inline = openAnalysisPool(packs, "config/rules", 0);
  const threaded = openAnalysisPool(packs, "config/rules", 2);
  try {
    const req = { body: page, contentType: "text/html; charset=utf-8", url: "http://licai.example.cn/" };
    const [a, b] = await Promise.all([inline.analyse(req), threaded.analyse(req)]);
    assert.ok(a.analysis.findings.some((f) => f.category === "p2p_lending"));
    assert.deepEqual(b.analysis.findings, a.analysis.findings);
    assert.equal(b.page.visibleText, a.page.visibleText);
  } finally {
    await threaded.close();
    await inline.close();
  }
});
