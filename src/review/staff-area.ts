// The staff area: every route behind sign-in, roles and CSRF (auth/guard.ts), with errors from
// the use cases (bad input, refusals, unknown records) shown as Chinese pages.
import multipart from "@fastify/multipart";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { InputError, NotFoundError, RedshieldError, RefusedError } from "../errors.ts";
import { addStaffGuard } from "./auth/guard.ts";
import { zhCN } from "./i18n/zh-CN.ts";
import { wantsJson } from "./plugins/negotiate.ts";
import { registerAdminRoutes } from "./routes/admin.ts";
import { registerLogoutRoute } from "./routes/auth.ts";
import { registerDashboardRoutes } from "./routes/dashboard.ts";
import type { StaffDeps } from "./routes/deps.ts";
import { registerEntityRoutes } from "./routes/entities.ts";
import { registerEvidenceRoutes } from "./routes/evidence.ts";
import { registerExportRoutes } from "./routes/exports.ts";
import { registerFindingRoutes } from "./routes/findings.ts";
import { registerLeadRoutes } from "./routes/leads.ts";
import { registerRunRoutes } from "./routes/runs.ts";
import { messagePage } from "./views/layout.ts";
import { staffMessage } from "./views/staff-layout.ts";

export const maxUploadBytes = 32 * 1024 * 1024;

function statusOf(error: RedshieldError): number {
  if (error instanceof InputError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof RefusedError) return 409;
  return 500;
}

function refuse(deps: StaffDeps) {
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    text: { title: string; message: string },
  ) => {
    reply.code(status).header("cache-control", "no-store");
    if (wantsJson(request))
      return reply.send({ error: text.title, message: text.message, statusCode: status });
    const page = request.staff
      ? staffMessage({ title: text.title, bureauName: deps.env.bureauName, staff: request.staff }, text)
      : messagePage({ ...text, bureauName: deps.env.bureauName });
    return reply.type("text/html; charset=utf-8").send(page);
  };
}

export async function registerStaffArea(
  app: FastifyInstance,
  deps: StaffDeps,
  options: { bundleAvailable: boolean },
) {
  await app.register(async (staff) => {
    const send = refuse(deps);
    addStaffGuard(staff, deps, send);
    staff.setErrorHandler((error: FastifyError, request, reply) => {
      // Anything that is not a use-case error goes on to the app's generic error pages.
      if (!(error instanceof RedshieldError) || statusOf(error) === 500) throw error;
      const title = error instanceof InputError ? zhCN.errors.inputTitle : zhCN.errors.refusedTitle;
      return send(request, reply, statusOf(error), { title, message: error.zhMessage });
    });
    await staff.register(multipart, {
      attachFieldsToBody: true,
      limits: { fileSize: maxUploadBytes, files: 1, fields: 20 },
    });
    registerLogoutRoute(staff, deps);
    registerDashboardRoutes(staff, deps);
    registerFindingRoutes(staff, deps);
    registerEvidenceRoutes(staff, deps);
    registerLeadRoutes(staff, deps, options);
    registerEntityRoutes(staff, deps);
    registerRunRoutes(staff, deps);
    registerAdminRoutes(staff, deps);
    registerExportRoutes(staff, deps);
  });
}
