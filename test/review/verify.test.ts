// The public verification page, its JSON form and the badge image, through the real app
// (fastify inject) on a real database, SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { loadEnv } from "../../src/config/env.ts";
import { maskUscc } from "../../src/identity/index.ts";
import { issueLabel, type LabelSummary, newSerial, revokeLabel } from "../../src/labels/index.ts";
import { buildApp } from "../../src/review/app.ts";
import { html, SafeHtml } from "../../src/review/views/html.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addEntity, freshDomain } from "../unit/labels/register-rows.ts";

const publicUrl = "https://hongdun.example.gov.cn";
const actor = "test:review";
const dayMs = 24 * 60 * 60 * 1000;

function assertSecurityHeaders(headers: Record<string, unknown>): void {
  assert.match(String(headers["content-security-policy"]), /default-src 'self'/);
  assert.equal(headers["x-content-type-options"], "nosniff");
  assert.equal(headers["x-frame-options"], "DENY");
  assert.ok(headers["referrer-policy"]);
}

function assertNoInternals(body: string): void {
  assert.ok(!/\bat \S+ \(|Error:|stack|node_modules/i.test(body), `internals leaked: ${body.slice(0, 300)}`);
}

eachProvider("verification page", ({ db, temp }) => {
  let app: FastifyInstance;
  let uscc: string;
  let domain: string;
  const holderName = `江湾<b>"核验"</b>&示例有限公司`;
  before(async () => {
    const env = loadEnv({
      DATABASE_URL: temp().url,
      REDSHIELD_PUBLIC_URL: publicUrl,
      REDSHIELD_BUREAU_NAME: "江湾市市场监督管理局",
    });
    app = await buildApp({ db: db(), env });
    app.get("/test-only/failure", async () => {
      throw new Error("secret database detail");
    });
    domain = freshDomain();
    uscc = await addEntity(db().prisma, { name: holderName, websites: [domain, freshDomain()] });
  });
  after(() => app.close());

  /** A label for the holder's domain; tests revoke what they issue so the next one can issue again. */
  function issue(now?: Date): Promise<LabelSummary> {
    return issueLabel(db(), { uscc, domains: [domain], actor, now });
  }

  test("a valid label: 有效, holder, masked USCC, domains and dates, escaped, with security headers", async () => {
    const label = await issue();
    const res = await app.inject({ method: "GET", url: `/verify/${label.serial}` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^text\/html; charset=utf-8/);
    assertSecurityHeaders(res.headers);
    const body = res.body;
    assert.match(body, /<html lang="zh-CN">/);
    assert.match(body, /data-status="valid"/);
    assert.match(body, /标识状态：有效/);
    assert.ok(
      body.includes("江湾&lt;b&gt;&quot;核验&quot;&lt;/b&gt;&amp;示例有限公司"),
      "holder name escaped",
    );
    assert.ok(!body.includes("<b>"));
    assert.ok(body.includes(maskUscc(uscc)) && !body.includes(uscc), "USCC masked");
    assert.ok(body.includes(`<li>${domain}</li>`));
    assert.ok(body.includes(`<dd>${label.issuedOn}</dd>`) && body.includes(`<dd>${label.expiresOn}</dd>`));
    const lower = await app.inject({ method: "GET", url: `/verify/${label.serial.toLowerCase()}` });
    assert.equal(lower.statusCode, 200, "a typed lower-case serial works too");
    await revokeLabel(db(), { serial: label.serial, reason: "测试", actor });
  });

  test("the JSON form, by .json or by Accept, says the same for machines", async () => {
    const label = await issue();
    const bySuffix = await app.inject({ method: "GET", url: `/verify/${label.serial}.json` });
    const byAccept = await app.inject({
      method: "GET",
      url: `/verify/${label.serial}`,
      headers: { accept: "application/json" },
    });
    for (const res of [bySuffix, byAccept]) {
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /^application\/json/);
      const json = res.json();
      assert.equal(json.serial, label.serial);
      assert.equal(json.status, "valid");
      assert.equal(json.statusText, "有效");
      assert.equal(json.holderName, holderName);
      assert.equal(json.usccMasked, maskUscc(uscc));
      assert.deepEqual(json.domains, [domain]);
      assert.equal(json.expiresOn, label.expiresOn);
      assert.equal(json.verifyUrl, `${publicUrl}/verify/${label.serial}`);
      assert.equal(json.issuer, "江湾市市场监督管理局");
      assert.ok(!JSON.stringify(json).includes(uscc));
    }
    await revokeLabel(db(), { serial: label.serial, reason: "测试", actor });
  });

  test("issued, shown valid, revoked, shown revoked (page, JSON and badge)", async () => {
    const label = await issue();
    assert.match((await app.inject(`/verify/${label.serial}`)).body, /标识状态：有效/);
    assert.match((await app.inject(`/badge/${label.serial}.svg`)).body, /已核验 · 有效/);
    await revokeLabel(db(), { serial: label.serial, reason: "违法经营", actor });
    const page = await app.inject(`/verify/${label.serial}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-status="revoked"/);
    assert.match(page.body, /标识状态：已撤销/);
    assert.match(page.body, /撤销日期/);
    assert.ok(!page.body.includes("违法经营"), "the internal reason is not published");
    assert.equal((await app.inject(`/verify/${label.serial}.json`)).json().status, "revoked");
    const badge = await app.inject(`/badge/${label.serial}.svg`);
    assert.match(badge.body, />已撤销</);
    assert.ok(!badge.body.includes("#c8161d"), "a revoked badge is not red");
  });

  test("an expired label is shown expired", async () => {
    const label = await issue(new Date(Date.now() - 400 * dayMs));
    const page = await app.inject(`/verify/${label.serial}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-status="expired"/);
    assert.match(page.body, /标识状态：已过期/);
    assert.equal((await app.inject(`/verify/${label.serial}.json`)).json().status, "expired");
  });

  test("an unknown or malformed serial gets the 404 未查询到 page, never a stack trace", async () => {
    for (const serial of [newSerial(2026), "HD-FAKE", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"]) {
      const res = await app.inject(`/verify/${serial}`);
      assert.equal(res.statusCode, 404, serial);
      assert.match(res.body, /<h1>未查询到该电子标识<\/h1>/);
      assert.ok(!res.body.includes("<script>alert"), "echoed serial escaped");
      assertNoInternals(res.body);
      assertSecurityHeaders(res.headers);
    }
    const json = await app.inject(`/verify/${newSerial(2026)}.json`);
    assert.equal(json.statusCode, 404);
    assert.equal(json.json().status, "not_issued");
  });

  test("the badge image: SVG for a valid label, a grey 404 SVG for an unknown one", async () => {
    const label = await issue();
    const badge = await app.inject(`/badge/${label.serial}.svg`);
    assert.equal(badge.statusCode, 200);
    assert.match(String(badge.headers["content-type"]), /^image\/svg\+xml/);
    assert.match(badge.body, /<svg[^>]*>[\s\S]*红盾电子标识[\s\S]*江湾市市场监督管理局[\s\S]*<\/svg>$/);
    const unknown = await app.inject(`/badge/${newSerial(2026)}.svg`);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, />未查询到</);
    assert.equal((await app.inject(`/badge/${label.serial}`)).statusCode, 404, "the .svg suffix is required");
    await revokeLabel(db(), { serial: label.serial, reason: "测试", actor });
  });

  test("any other path gets a Chinese 404 page; a failure a generic 500 without details", async () => {
    const missing = await app.inject("/no/such/page");
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /页面不存在/);
    assertSecurityHeaders(missing.headers);
    const failure = await app.inject("/test-only/failure");
    assert.equal(failure.statusCode, 500);
    assert.match(failure.body, /服务器内部错误/);
    assert.ok(!failure.body.includes("secret database detail"));
    assertNoInternals(failure.body);
    assertSecurityHeaders(failure.headers);
    const failureJson = await app.inject({
      url: "/test-only/failure",
      headers: { accept: "application/json" },
    });
    assert.equal(failureJson.statusCode, 500);
    assert.ok(!failureJson.body.includes("secret database detail"));
  });

  test("the stylesheet is served from the app itself (the CSP allows only 'self')", async () => {
    const css = await app.inject("/assets/site.css");
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers["content-type"]), /^text\/css/);
    assert.match(css.body, /\.status-valid/);
  });
});

test("the template escapes every interpolated value except nested templates", () => {
  const name = `<img src=x onerror="alert('x')">&`;
  const page = html`<p title="${name}">${name}</p>${html`<b>${"ok"}</b>`}${["<i>", html`<i>`]}${null}${false}`;
  assert.ok(page instanceof SafeHtml);
  assert.equal(
    page.value,
    `<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p><b>ok</b>&lt;i&gt;<i>`,
  );
});
