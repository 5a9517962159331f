// Evidence is served so that crawled content can never act in a reviewer's session: the original
// page only under a sandbox policy, files by digest with fixed types, never sniffed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { sandboxPolicy } from "../../src/review/routes/evidence.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addStaff, get, reviewApp, type Session, seedFinding, signIn } from "./helpers.ts";

const hostileHtml = `<html><head><title>原标题</title></head><body><script>document.title="pwned";parent.document.title="pwned"</script><p>保本保息</p><img src=x onerror="top.location='https://evil.example'"></body></html>`;
// A tiny valid PNG (1×1).
const png = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2b3b5c30000000049454e44ae426082",
  "hex",
);

eachProvider("review UI: evidence files and the sandboxed original page", ({ db, temp }) => {
  let app: FastifyInstance;
  let staff: Session;
  let findingId: number;
  before(async () => {
    app = await reviewApp(db(), temp());
    staff = await signIn(app, await addStaff(db(), "viewer"));
    findingId = await seedFinding(db(), temp(), { html: hostileHtml, screenshot: png });
  });
  after(() => app.close());

  async function capture() {
    return db().prisma.pageCapture.findFirstOrThrow({ where: { findings: { some: { id: findingId } } } });
  }

  test("the original page comes with a sandbox policy, nosniff, same-origin framing only, its bytes unchanged", async () => {
    const c = await capture();
    const res = await get(app, staff, `/captures/${c.id}/original`);
    assert.equal(res.statusCode, 200);
    const csp = String(res.headers["content-security-policy"]);
    assert.ok(csp.startsWith(sandboxPolicy), csp);
    assert.equal(sandboxPolicy, "sandbox; default-src 'none'; img-src data:");
    assert.ok(!/allow-scripts|allow-same-origin|unsafe/.test(csp));
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["x-frame-options"], "SAMEORIGIN");
    assert.equal(res.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(res.body, hostileHtml);
  });

  test("the finding page frames it sandboxed (no allow-scripts, no allow-same-origin) and runs no inline script", async () => {
    const page = await get(app, staff, `/findings/${findingId}`);
    const frame = /<iframe[^>]*id="original-page"[^>]*>/.exec(page.body)?.[0] ?? "";
    assert.match(frame, /sandbox=""/);
    assert.ok(!/allow-/.test(frame));
    const csp = String(page.headers["content-security-policy"]);
    assert.match(csp, /default-src 'self'/);
    assert.ok(!csp.includes("unsafe-inline"), "inline scripts are forbidden on UI pages");
    for (const tag of page.body.match(/<script[^>]*>/g) ?? []) assert.match(tag, /src="\/assets\/js\//);
    assert.ok(!page.body.includes('document.title="pwned"'), "the crawled HTML is not in the page itself");
  });

  test("files by digest: screenshot as PNG, text as plain text, the raw body only as a download", async () => {
    const c = await capture();
    const shot = await get(app, staff, `/evidence/${c.screenshotSha256}`);
    assert.equal(shot.statusCode, 200);
    assert.equal(shot.headers["content-type"], "image/png");
    assert.deepEqual(shot.rawPayload, png);
    const text = await get(app, staff, `/evidence/${c.textSha256}`);
    assert.equal(text.headers["content-type"], "text/plain; charset=utf-8");
    const body = await get(app, staff, `/evidence/${c.bodySha256}`);
    assert.equal(body.headers["content-type"], "application/octet-stream");
    assert.match(String(body.headers["content-disposition"]), /^attachment; filename="[0-9a-f]{64}\.html"$/);
    for (const res of [shot, text, body]) {
      assert.ok(String(res.headers["content-security-policy"]).startsWith(sandboxPolicy));
      assert.equal(res.headers["x-content-type-options"], "nosniff");
    }
  });

  test("unknown or malformed digests and captures are 404; without a session nothing is served", async () => {
    assert.equal((await get(app, staff, `/evidence/${"0".repeat(64)}`)).statusCode, 404);
    assert.equal((await get(app, staff, "/evidence/..%2F..%2Fetc%2Fpasswd")).statusCode, 404);
    assert.equal((await get(app, staff, "/captures/99999999/original")).statusCode, 404);
    const c = await capture();
    assert.equal((await app.inject(`/captures/${c.id}/original`)).statusCode, 303);
    assert.equal((await app.inject(`/evidence/${c.bodySha256}`)).statusCode, 303);
  });
});
