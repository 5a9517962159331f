// The web application as one function: the composition root that later route groups (the review
// UI) are added to. It only wires things together: headers, error pages, assets and routes.
import Fastify, { type FastifyInstance } from "fastify";
import type { Env } from "../config/env.ts";
import type { Db } from "../db/index.ts";
import { addErrorPages } from "./plugins/error-pages.ts";
import { addSecurityHeaders } from "./plugins/security-headers.ts";
import { registerVerifyRoutes } from "./routes/verify.ts";
import { stylesheetPath } from "./views/layout.ts";
import { stylesheet } from "./views/stylesheet.ts";

export type AppDeps = { db: Db; env: Env };

export async function buildApp({ db, env }: AppDeps): Promise<FastifyInstance> {
  // Fastify's own logger stays off: errors are logged by the error handler through src/log.ts.
  const app = Fastify({ logger: false, return503OnClosing: true, bodyLimit: 1024 * 1024 });
  addSecurityHeaders(app);
  addErrorPages(app, env.bureauName);
  app.get(stylesheetPath, async (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(stylesheet),
  );
  registerVerifyRoutes(app, { db, env });
  return app;
}
