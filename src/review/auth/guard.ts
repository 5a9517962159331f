// The staff area's gate, run on every staff route: who is signed in (session cookie), whether
// their role may use this route, and for every state-changing request the session's CSRF token.
// Routes declare the role they need in config.role; a route without one needs "viewer" to read
// and "admin" to change anything, so a forgotten declaration fails closed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/index.ts";
import { type Role, roleAtLeast } from "../../users/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { text } from "../plugins/fields.ts";
import { wantsJson } from "../plugins/negotiate.ts";
import { parseCookies } from "./cookies.ts";
import { loadSession, type SessionPolicy, type StaffSession, tokensMatch } from "./sessions.ts";

declare module "fastify" {
  interface FastifyRequest {
    staff: StaffSession | null;
  }
  interface FastifyContextConfig {
    role?: Role;
  }
}

export const sessionCookie = "rs_session";
export const csrfField = "_csrf";

export type GuardDeps = { db: Db; now: () => Date; policy: SessionPolicy };
export type Refusal = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  text: { title: string; message: string },
) => FastifyReply;

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

function requiredRole(request: FastifyRequest): Role {
  return request.routeOptions.config.role ?? (isSafeMethod(request.method) ? "viewer" : "admin");
}

function submittedCsrf(request: FastifyRequest): unknown {
  return text(request.body, csrfField) || request.headers["x-csrf-token"];
}

/** A local path to return to after sign-in; anything else (other sites, //host) becomes "/". */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) ? next : "/";
}

export function addStaffGuard(app: FastifyInstance, deps: GuardDeps, refuse: Refusal): void {
  app.decorateRequest("staff", null);
  app.addHook("onRequest", async (request, reply) => {
    const token = parseCookies(request.headers.cookie)[sessionCookie] ?? "";
    request.staff = token ? await loadSession(deps.db, token, deps.now(), deps.policy) : null;
    const e = zhCN.errors;
    if (!request.staff) {
      if (isSafeMethod(request.method) && !wantsJson(request)) {
        return reply.redirect(
          `/login?next=${encodeURIComponent(request.url)}${token ? "&expired=1" : ""}`,
          303,
        );
      }
      return refuse(request, reply, 401, { title: e.signInTitle, message: e.signInBody });
    }
    if (!roleAtLeast(request.staff.user.role, requiredRole(request))) {
      return refuse(request, reply, 403, { title: e.forbiddenTitle, message: e.forbiddenBody });
    }
  });
  app.addHook("preHandler", async (request, reply) => {
    if (isSafeMethod(request.method) || !request.staff) return;
    if (!tokensMatch(submittedCsrf(request), request.staff.csrfToken)) {
      return refuse(request, reply, 403, { title: zhCN.errors.csrfTitle, message: zhCN.errors.csrfBody });
    }
  });
}
