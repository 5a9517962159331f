// Shared by the review UI tests: the real app on a test database, staff accounts, signing in
// through the real login form, and findings recorded through the crawler's own recordPage (so
// evidence files, captures and digests are real).
import crypto from "node:crypto";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { loadEnv } from "../../src/config/env.ts";
import type { Db } from "../../src/db/index.ts";
import { EvidenceStore } from "../../src/evidence/index.ts";
import { type FindingInput, fingerprintOf, recordPage } from "../../src/findings/index.ts";
import { type AppDeps, buildApp } from "../../src/review/app.ts";
import { setLogLevel } from "../../src/log.ts";
import { addUser, type Role } from "../../src/users/index.ts";
import type { TempDb } from "../helpers/temp-db.ts";

export const password = "correct-horse-battery";

// Sign-ins and refusals log at info; the tests assert on them instead.
setLogLevel("warn");

export function evidenceDirOf(temp: TempDb): string {
  return path.join(temp.dataDir, "evidence");
}

export async function reviewApp(
  db: Db,
  temp: TempDb,
  extra: Partial<AppDeps> = {},
  envExtra: Record<string, string> = {},
): Promise<FastifyInstance> {
  const env = loadEnv({
    DATABASE_URL: temp.url,
    REDSHIELD_DATA_DIR: temp.dataDir,
    REDSHIELD_BUREAU_NAME: "江湾市市场监督管理局",
    ...envExtra,
  });
  return buildApp({ db, env, evidenceDir: evidenceDirOf(temp), ...extra });
}

let userCounter = 0;
/** A new staff account with a unique name; returns the name. */
export async function addStaff(db: Db, role: Role, stem: string = role): Promise<string> {
  userCounter += 1;
  const name = `${stem}${userCounter}x${process.pid % 1000}`;
  await addUser(db, { name, role, password, actor: "test" });
  return name;
}

export type Session = { cookie: string; csrf: string };

function cookieValue(res: LightMyRequestResponse, name: string): string | null {
  const set = res.headers["set-cookie"];
  const list = Array.isArray(set) ? set : set ? [set] : [];
  for (const c of list) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c);
    if (m) return m[1]!;
  }
  return null;
}

export function hiddenToken(body: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!m) throw new Error("no _csrf field on the page");
  return m[1]!;
}

/** Opens the login form and posts it; returns the raw response of the post. */
export async function postLogin(app: FastifyInstance, name: string, pass: string, address = "127.0.0.1") {
  const form = await app.inject({ url: "/login", remoteAddress: address });
  const loginCookie = cookieValue(form, "rs_login")!;
  return app.inject({
    method: "POST",
    url: "/login",
    remoteAddress: address,
    headers: { cookie: `rs_login=${loginCookie}` },
    payload: { _csrf: hiddenToken(form.body), name, password: pass, next: "/findings" },
  });
}

export async function signIn(app: FastifyInstance, name: string): Promise<Session> {
  const res = await postLogin(app, name, password);
  const token = cookieValue(res, "rs_session");
  if (res.statusCode !== 303 || !token) throw new Error(`sign-in failed: ${res.statusCode}`);
  const cookie = `rs_session=${token}`;
  const page = await app.inject({ url: "/", headers: { cookie } });
  return { cookie, csrf: hiddenToken(page.body) };
}

/** A form post as the browser sends it (URL-encoded), with the session and its CSRF token. */
export function post(
  app: FastifyInstance,
  session: Session,
  url: string,
  fields: Record<string, string | string[]> = {},
  csrf = true,
) {
  const params = new URLSearchParams();
  if (csrf) params.append("_csrf", session.csrf);
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return app.inject({
    method: "POST",
    url,
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: params.toString(),
  });
}

export function get(app: FastifyInstance, session: Session, url: string) {
  return app.inject({ url, headers: { cookie: session.cookie } });
}

export type SeedOptions = {
  category?: string;
  rule?: string;
  severity?: string;
  domain?: string;
  url?: string;
  entityId?: number | null;
  region?: string;
  sweep?: string;
  excerpt?: string;
  html?: string;
  text?: string;
  fetchedAt?: Date;
  screenshot?: Uint8Array | null;
  details?: Record<string, unknown>;
};

/** Records one page with one finding through recordPage; returns the finding's id. */
export async function seedFinding(db: Db, temp: TempDb, o: SeedOptions = {}): Promise<number> {
  const domain = o.domain ?? `site-${crypto.randomBytes(4).toString("hex")}.example.cn`;
  const url = o.url ?? `https://${domain}/page-${crypto.randomBytes(3).toString("hex")}`;
  const sweep = o.sweep ?? "entities";
  const run = await db.prisma.sweepRun.create({
    data: { sweep, runKey: `${sweep}@test:${crypto.randomUUID()}`, trigger: "manual", status: "completed" },
  });
  const finding: FindingInput = {
    category: o.category ?? "p2p_lending",
    rule: o.rule ?? `${o.category ?? "p2p_lending"}.test_rule`,
    severity: o.severity ?? "high",
    score: 0.9,
    excerpt: o.excerpt ?? "年化收益12%，【保本保息】，100元起投",
    basis: { law: "《网络借贷信息中介机构业务活动管理暂行办法》", article: "第十条" },
    details: o.details ?? {},
    scope: "page",
  };
  const text = o.text ?? "年化收益12%，保本保息，100元起投";
  await recordPage(db.prisma, new EvidenceStore(evidenceDirOf(temp)), {
    runId: run.id,
    sweep,
    entityId: o.entityId ?? null,
    region: o.region ?? "",
    capture: {
      url,
      finalUrl: url,
      domain,
      httpStatus: 200,
      fetchedAt: o.fetchedAt ?? new Date(),
      mode: "http",
      contentType: "text/html; charset=utf-8",
      charset: "utf-8",
      body: Buffer.from(o.html ?? `<html><body><p>${text}</p></body></html>`),
      headers: { "content-type": "text/html; charset=utf-8" },
      text,
      screenshot: o.screenshot ?? null,
      provenance: { tool: "test" },
    },
    findings: [finding],
  });
  const row = await db.prisma.finding.findUniqueOrThrow({
    where: { fingerprint: fingerprintOf(finding, url, domain) },
  });
  return row.id;
}
