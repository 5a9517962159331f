// Public routes of the Red Shield e-label: the verification page a badge links to, its JSON form
// for machines (GET /verify/{serial}.json, or Accept: application/json), and the badge image.
import type { FastifyInstance } from "fastify";
import type { Env } from "../../config/env.ts";
import type { Db } from "../../db/index.ts";
import {
  badgeSvg,
  chinaDateTime,
  type LabelVerification,
  verifyLabel,
  verifyPageUrl,
} from "../../labels/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { wantsJson } from "../plugins/negotiate.ts";
import { verifyPage } from "../views/verify-page.ts";

export type VerifyRouteDeps = { db: Db; env: Env };
type SerialParams = { Params: { serial: string } };

/** Splits "SERIAL.ext" into the serial and whether the extension was present. */
function stripExtension(param: string, extension: string): { serial: string; had: boolean } {
  return param.toLowerCase().endsWith(extension)
    ? { serial: param.slice(0, -extension.length), had: true }
    : { serial: param, had: false };
}

function verificationJson(label: LabelVerification, env: Env, checkedAt: Date) {
  return {
    ...label,
    statusText: zhCN.labelStatus[label.status],
    issuer: env.bureauName,
    verifyUrl: label.status === "not_issued" ? null : verifyPageUrl(env.publicUrl, label.serial),
    checkedAt: checkedAt.toISOString(),
  };
}

export function registerVerifyRoutes(app: FastifyInstance, deps: VerifyRouteDeps): void {
  app.get<SerialParams>("/verify/:serial", async (request, reply) => {
    const { serial, had: jsonSuffix } = stripExtension(request.params.serial, ".json");
    const now = new Date();
    const label = await verifyLabel(deps.db, serial, now);
    reply
      .code(label.status === "not_issued" ? 404 : 200)
      .header("cache-control", "no-cache")
      .header("vary", "Accept");
    if (jsonSuffix || wantsJson(request)) {
      return reply.header("access-control-allow-origin", "*").send(verificationJson(label, deps.env, now));
    }
    const page = verifyPage(label, { bureauName: deps.env.bureauName, checkedAt: chinaDateTime(now) });
    return reply.type("text/html; charset=utf-8").send(page);
  });

  app.get<SerialParams>("/badge/:serial", async (request, reply) => {
    const { serial, had } = stripExtension(request.params.serial, ".svg");
    if (!had) return reply.callNotFound();
    const label = await verifyLabel(deps.db, serial);
    const svg = badgeSvg({
      title: zhCN.badge.title,
      statusText: zhCN.badge.status[label.status],
      bureauName: deps.env.bureauName,
      tone: label.status === "valid" ? "active" : "inactive",
    });
    // Short cache: a revoked label's badge must turn grey on the holder's site soon.
    return reply
      .code(label.status === "not_issued" ? 404 : 200)
      .header("cache-control", "public, max-age=300")
      .type("image/svg+xml; charset=utf-8")
      .send(svg);
  });
}
