// The web application as one function: the composition root. It only wires things together:
// headers, error pages, body parsers, assets, the public routes (verification pages, sign-in)
// and the staff area behind sign-in.
import Fastify, { type FastifyInstance } from "fastify";
import type { Env } from "../config/env.ts";
import type { Db } from "../db/index.ts";
import { EvidenceStore } from "../evidence/index.ts";
import { evidenceDir } from "../worker/deps.ts";
import { defaultLimiterPolicy, type LimiterPolicy, LoginLimiter } from "./auth/login-limiter.ts";
import { defaultSessionPolicy, type SessionPolicy } from "./auth/sessions.ts";
import { addErrorPages } from "./plugins/error-pages.ts";
import { addFormBodyParser } from "./plugins/form-body.ts";
import { addSecurityHeaders } from "./plugins/security-headers.ts";
import { registerAssetRoutes } from "./routes/assets.ts";
import { registerLoginRoutes } from "./routes/auth.ts";
import type { StaffDeps } from "./routes/deps.ts";
import { registerVerifyRoutes } from "./routes/verify.ts";
import { registerStaffArea } from "./staff-area.ts";

export type AppDeps = {
  db: Db;
  env: Env;
  /** The clock for sessions and sign-in limits (tests move it); default the system clock. */
  now?: () => Date;
  sessionPolicy?: SessionPolicy;
  limiterPolicy?: LimiterPolicy;
  /** Evidence store directory; default REDSHIELD_EVIDENCE_DIR or <data dir>/evidence. */
  evidenceDir?: string;
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { db, env } = deps;
  // Fastify's own logger stays off: errors are logged by the error handler through src/log.ts.
  const app = Fastify({ logger: false, return503OnClosing: true, bodyLimit: 1024 * 1024 });
  addSecurityHeaders(app);
  addErrorPages(app, env.bureauName);
  addFormBodyParser(app);
  registerAssetRoutes(app);
  registerVerifyRoutes(app, { db, env });
  const staffDeps: StaffDeps = {
    db,
    env,
    store: new EvidenceStore(deps.evidenceDir ?? evidenceDir(env)),
    now: deps.now ?? (() => new Date()),
    policy: deps.sessionPolicy ?? defaultSessionPolicy,
    limiter: new LoginLimiter(deps.limiterPolicy ?? defaultLimiterPolicy),
    secureCookies: env.publicUrl.startsWith("https://"),
  };
  registerLoginRoutes(app, staffDeps);
  await registerStaffArea(app, staffDeps, { bundleAvailable: true });
  return app;
}
