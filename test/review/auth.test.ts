// Sign-in, sessions, roles and CSRF through the real app (fastify inject) on a real database.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { eachProvider } from "../helpers/temp-db.ts";
import { addStaff, get, password, post, postLogin, reviewApp, seedFinding, signIn } from "./helpers.ts";

eachProvider("review UI: sign-in, sessions, roles, CSRF", ({ db, temp }) => {
  let app: FastifyInstance;
  let clock = Date.now();
  let reviewer: string;
  let viewer: string;
  let admin: string;
  before(async () => {
    app = await reviewApp(db(), temp(), { now: () => new Date(clock) });
    [reviewer, viewer, admin] = await Promise.all([
      addStaff(db(), "reviewer"),
      addStaff(db(), "viewer"),
      addStaff(db(), "admin"),
    ]);
  });
  after(() => app.close());

  test("a visitor without a session is sent to the sign-in page; JSON clients get 401", async () => {
    const page = await app.inject("/findings?status=new");
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, "/login?next=%2Ffindings%3Fstatus%3Dnew");
    const json = await app.inject({ url: "/runs/1/progress.json", headers: { accept: "application/json" } });
    assert.equal(json.statusCode, 401);
    const form = await app.inject("/login");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /工作人员登录/);
    assert.match(String(form.headers["content-security-policy"]), /default-src 'self'/);
  });

  test("signing in sets an HttpOnly SameSite=Strict session cookie and returns to the page asked for", async () => {
    const res = await postLogin(app, reviewer, password);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/findings");
    const cookies = [res.headers["set-cookie"]].flat().join("\n");
    assert.match(cookies, /rs_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200/);
    assert.ok(!/Secure/.test(cookies), "no Secure flag on an http public URL");
    const stored = await db().prisma.session.findMany();
    assert.ok(stored.length >= 1);
    assert.ok(
      stored.every((s) => /^[0-9a-f]{64}$/.test(s.tokenHash)),
      "only the token's hash is stored",
    );
  });

  test("behind an https public URL the cookies also carry Secure", async () => {
    const secure = await reviewApp(
      db(),
      temp(),
      {},
      { REDSHIELD_PUBLIC_URL: "https://hongdun.example.gov.cn" },
    );
    try {
      const res = await postLogin(secure, reviewer, password);
      assert.match(
        [res.headers["set-cookie"]].flat().join("\n"),
        /rs_session=[^;]+;.*HttpOnly; SameSite=Strict;.*Secure/,
      );
    } finally {
      await secure.close();
    }
  });

  test("a wrong password is refused with a Chinese message, and no session", async () => {
    const res = await postLogin(app, reviewer, "wrong-password-123", "10.0.0.9");
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /用户名或密码错误/);
    assert.ok(![res.headers["set-cookie"]].flat().join("").includes("rs_session="));
  });

  test("a login post without the form token from the login page is refused", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/login",
      payload: { name: reviewer, password, next: "/" },
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /登录表单已过期/);
  });

  test("after 5 failures in 15 minutes the name is locked for that address, even with the right password", async () => {
    const address = "10.1.2.3";
    for (let i = 0; i < 5; i++)
      assert.equal((await postLogin(app, viewer, `bad-password-${i}`, address)).statusCode, 401);
    const locked = await postLogin(app, viewer, password, address);
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /登录失败次数过多/);
    assert.ok(Number(locked.headers["retry-after"]) > 0);
    assert.equal(
      (await postLogin(app, viewer, password, "10.9.9.9")).statusCode,
      303,
      "another address is not locked",
    );
    clock += 15 * 60_000 + 1000;
    assert.equal(
      (await postLogin(app, viewer, password, address)).statusCode,
      303,
      "the lock ends with the window",
    );
  });

  test("the next parameter never leads to another site", async () => {
    const form = await app.inject("/login?next=//evil.example/x");
    assert.match(form.body, /name="next" value="\/"/);
  });

  test("a viewer reads but cannot confirm (403), a reviewer can; admin pages are for admins only", async () => {
    const id = await seedFinding(db(), temp());
    const v = await signIn(app, viewer);
    assert.equal((await get(app, v, `/findings/${id}`)).statusCode, 200);
    const refused = await post(app, v, `/findings/${id}/confirm`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /权限不足/);
    assert.equal((await db().prisma.finding.findUniqueOrThrow({ where: { id } })).status, "new");
    assert.equal((await get(app, v, "/admin")).statusCode, 403);
    const r = await signIn(app, reviewer);
    assert.equal((await get(app, r, "/admin")).statusCode, 403);
    assert.equal((await post(app, r, "/admin/labels", { uscc: "x", domains: "y" })).statusCode, 403);
    const ok = await post(app, r, `/findings/${id}/confirm`);
    assert.equal(ok.statusCode, 303);
    assert.equal((await db().prisma.finding.findUniqueOrThrow({ where: { id } })).status, "confirmed");
    const a = await signIn(app, admin);
    assert.equal((await get(app, a, "/admin")).statusCode, 200);
  });

  test("a POST without the session's CSRF token (or with another session's) is refused and changes nothing", async () => {
    const id = await seedFinding(db(), temp());
    const r = await signIn(app, reviewer);
    const missing = await post(app, r, `/findings/${id}/confirm`, {}, false);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /请求已失效/);
    const other = await signIn(app, reviewer);
    const foreign = await post(app, { cookie: r.cookie, csrf: other.csrf }, `/findings/${id}/confirm`);
    assert.equal(foreign.statusCode, 403);
    assert.equal((await db().prisma.finding.findUniqueOrThrow({ where: { id } })).status, "new");
    const logout = await post(app, r, "/logout", {}, false);
    assert.equal(logout.statusCode, 403, "even signing out needs the token");
  });

  test("a session ends after 8 idle hours, or 12 hours after sign-in however busy", async () => {
    const idle = await signIn(app, reviewer);
    clock += 8 * 3600_000 + 60_000;
    const expired = await get(app, idle, "/findings");
    assert.equal(expired.statusCode, 303);
    assert.match(String(expired.headers.location), /^\/login\?next=.*&expired=1$/);
    assert.equal((await get(app, idle, "/findings")).statusCode, 303, "and it stays ended");

    const busy = await signIn(app, reviewer);
    for (let hour = 0; hour < 11; hour++) {
      clock += 3600_000;
      assert.equal((await get(app, busy, "/findings")).statusCode, 200, `hour ${hour + 1}`);
    }
    clock += 3600_000 + 60_000;
    assert.equal((await get(app, busy, "/findings")).statusCode, 303, "absolute limit");
  });

  test("signing out deletes the session; its cookie no longer works", async () => {
    const s = await signIn(app, reviewer);
    const out = await post(app, s, "/logout");
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, "/login?out=1");
    assert.match([out.headers["set-cookie"]].flat().join(""), /rs_session=; .*Max-Age=0/);
    assert.equal((await get(app, s, "/")).statusCode, 303);
  });
});
