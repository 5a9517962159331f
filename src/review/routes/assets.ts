// Static files: the two stylesheets, the page scripts in src/review/assets/, and Chart.js's UMD
// build straight from node_modules (no CDN: the UI must work without any outside network). Each
// is read once at start; only the names listed here are served.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { stylesheetPath } from "../views/layout.ts";
import { staffStylesheetPath } from "../views/staff-layout.ts";
import { staffStylesheet } from "../views/staff-stylesheet.ts";
import { stylesheet } from "../views/stylesheet.ts";

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "assets");
const pageScripts = ["dashboard.js", "queue.js", "runs.js"];

function chartJsFile(): string {
  const main = createRequire(import.meta.url).resolve("chart.js");
  return path.join(path.dirname(main), "chart.umd.min.js");
}

function scripts(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of pageScripts) files.set(name, fs.readFileSync(path.join(assetsDir, name)));
  files.set("chart.umd.min.js", fs.readFileSync(chartJsFile()));
  return files;
}

export function registerAssetRoutes(app: FastifyInstance): void {
  const css = (body: string) => async (_request: unknown, reply: import("fastify").FastifyReply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(body);
  app.get(stylesheetPath, css(stylesheet));
  app.get(staffStylesheetPath, css(staffStylesheet));
  const files = scripts();
  app.get<{ Params: { name: string } }>("/assets/js/:name", async (request, reply) => {
    const body = files.get(request.params.name);
    if (!body) return reply.callNotFound();
    return reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(body);
  });
}
