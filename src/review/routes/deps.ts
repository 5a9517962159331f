// What every staff route gets: the database, the environment, the evidence store, the clock, and
// helpers to send a staff page and to read form and query values.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Env } from "../../config/env.ts";
import type { Db } from "../../db/index.ts";
import type { EvidenceStore } from "../../evidence/index.ts";
import type { LoginLimiter } from "../auth/login-limiter.ts";
import type { SessionPolicy, StaffSession } from "../auth/sessions.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { type StaffFrame, staffPage } from "../views/staff-layout.ts";

export { file, ids, text, texts } from "../plugins/fields.ts";

export type StaffDeps = {
  db: Db;
  env: Env;
  store: EvidenceStore;
  now: () => Date;
  policy: SessionPolicy;
  limiter: LoginLimiter;
  secureCookies: boolean;
};

export type PageParts = Omit<StaffFrame, "bureauName" | "staff">;

/** The signed-in staff member; the guard has already refused requests without one. */
export function staffOf(request: FastifyRequest): StaffSession {
  if (!request.staff) throw new Error("staff route reached without a session");
  return request.staff;
}

export function sendPage(request: FastifyRequest, reply: FastifyReply, deps: StaffDeps, parts: PageParts) {
  return reply
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(
      staffPage({
        ...parts,
        notice: parts.notice ?? noticeOf(request),
        bureauName: deps.env.bureauName,
        staff: staffOf(request),
      }),
    );
}

/** The message after a redirect: only fixed texts and numbers come from the query string. */
function noticeOf(request: FastifyRequest): string | undefined {
  const q = request.query as Record<string, string | undefined>;
  if (q.changed !== undefined) return zhCN.queue.bulkDone(intOr(q.changed, 0), intOr(q.skipped, 0));
  return q.done ? zhCN.common.done : undefined;
}

export function intOr(value: string | undefined, fallback: number): number {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : fallback;
}
