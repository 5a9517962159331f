// Sign-in and sign-out. Failed attempts are rate-limited per name and address; a successful one
// creates a session (token in an HttpOnly, SameSite=Strict cookie) and returns to the page asked for.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { logger } from "../../log.ts";
import { verifyCredentials } from "../../users/index.ts";
import { clearCookie, parseCookies, serializeCookie } from "../auth/cookies.ts";
import { csrfField, safeNext, sessionCookie } from "../auth/guard.ts";
import { createSession, deleteSession, randomToken, tokensMatch } from "../auth/sessions.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { type LoginView, loginPage } from "../views/login-page.ts";
import { type StaffDeps, staffOf, text } from "./deps.ts";

const loginCookie = "rs_login";
const log = logger("web");

function sendLogin(
  reply: FastifyReply,
  deps: StaffDeps,
  status: number,
  view: Omit<LoginView, "bureauName" | "formToken">,
) {
  // A fresh form token each time the page is shown; the cookie lives as long as the form may be filled in.
  const formToken = randomToken();
  return reply
    .code(status)
    .header(
      "set-cookie",
      serializeCookie(loginCookie, formToken, { secure: deps.secureCookies, maxAgeSecs: 3600 }),
    )
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(loginPage({ ...view, bureauName: deps.env.bureauName, formToken }));
}

/** Public: the sign-in page and its form post. */
export function registerLoginRoutes(app: FastifyInstance, deps: StaffDeps): void {
  app.get("/login", async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const message = q.expired ? zhCN.login.expired : q.out ? zhCN.login.loggedOut : undefined;
    return sendLogin(reply, deps, 200, { next: safeNext(q.next), message });
  });

  app.post("/login", async (request, reply) => {
    const body = request.body;
    const name = text(body, "name").trim();
    const next = safeNext(text(body, "next"));
    const formToken = parseCookies(request.headers.cookie)[loginCookie] ?? "";
    if (!formToken || !tokensMatch(text(body, csrfField), formToken)) {
      return sendLogin(reply, deps, 403, { next, name, message: zhCN.login.formExpired, isError: true });
    }
    return attemptLogin(request, reply, deps, { name, password: text(body, "password"), next });
  });
}

async function attemptLogin(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: StaffDeps,
  form: { name: string; password: string; next: string },
) {
  const now = deps.now();
  const wait = deps.limiter.retryAfterMs(form.name, request.ip, now.getTime());
  if (wait > 0) {
    log.warn("sign-in refused: too many failures", { name: form.name, address: request.ip });
    reply.header("retry-after", String(Math.ceil(wait / 1000)));
    const message = zhCN.login.limited(Math.ceil(wait / 60_000));
    return sendLogin(reply, deps, 429, { next: form.next, name: form.name, message, isError: true });
  }
  const user = form.name && form.password ? await verifyCredentials(deps.db, form.name, form.password) : null;
  if (!user) {
    deps.limiter.recordFailure(form.name, request.ip, now.getTime());
    log.info("sign-in failed", { name: form.name, address: request.ip });
    return sendLogin(reply, deps, 401, {
      next: form.next,
      name: form.name,
      message: zhCN.login.failed,
      isError: true,
    });
  }
  deps.limiter.recordSuccess(form.name, request.ip);
  const { token } = await createSession(deps.db, user.id, now, deps.policy);
  log.info("signed in", { name: user.name, address: request.ip });
  const cookieOptions = { secure: deps.secureCookies, maxAgeSecs: Math.floor(deps.policy.absoluteMs / 1000) };
  return reply
    .header("set-cookie", [
      serializeCookie(sessionCookie, token, cookieOptions),
      clearCookie(loginCookie, { secure: deps.secureCookies }),
    ])
    .redirect(form.next, 303);
}

/** Staff area: sign out (a POST with the CSRF token, so another site cannot sign anyone out). */
export function registerLogoutRoute(app: FastifyInstance, deps: StaffDeps): void {
  app.post("/logout", { config: { role: "viewer" } }, async (request, reply) => {
    await deleteSession(deps.db, staffOf(request).sessionId);
    return reply
      .header("set-cookie", clearCookie(sessionCookie, { secure: deps.secureCookies }))
      .redirect("/login?out=1", 303);
  });
}
