// Administration (admin role only): register upload with the same validation and report as
// `redshield registry import`, e-label issue and revoke, and the list of staff accounts.
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { InputError } from "../../errors.ts";
import { issueLabel, listLabels, revokeLabel } from "../../labels/index.ts";
import { importRegisterTable, parseRegisterBytes, type RegisterFormat } from "../../registry/index.ts";
import { listUsers } from "../../users/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { adminBody, importReportBody } from "../views/admin-page.ts";
import { file, type StaffDeps, sendPage, staffOf, text } from "./deps.ts";

const admin = { config: { role: "admin" as const } };
const labelsShown = 200;

function formatOf(filename: string): RegisterFormat {
  const ext = path.extname(filename).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  throw new InputError(`file: "${filename}" is not a .csv or .xlsx file`, zhCN.admin.badFile);
}

function domainList(value: string): string[] {
  return value.split(/[;；,，\s]+/).filter(Boolean);
}

export function registerAdminRoutes(app: FastifyInstance, deps: StaffDeps): void {
  app.get("/admin", admin, async (request, reply) => {
    const [labels, users] = await Promise.all([listLabels(deps.db), listUsers(deps.db)]);
    const body = adminBody(staffOf(request), labels.slice(0, labelsShown), users);
    return sendPage(request, reply, deps, { title: zhCN.admin.title, active: "admin", body });
  });

  app.post("/admin/register", admin, async (request, reply) => {
    const upload = await file(request.body, "file");
    if (!upload) throw new InputError("file: none uploaded", zhCN.admin.badFile);
    // The source name shown in problems is the file's own name, never a path on this server.
    const name = path.basename(upload.filename).slice(0, 200);
    const table = await parseRegisterBytes(upload.bytes, name, formatOf(name));
    const report = await importRegisterTable(deps.db, table, {
      actor: staffOf(request).user.name,
      skipInvalid: text(request.body, "skipInvalid") === "1",
      dryRun: text(request.body, "dryRun") === "1",
    });
    reply.code(report.outcome === "rejected" ? 422 : 200);
    return sendPage(request, reply, deps, {
      title: zhCN.admin.register,
      active: "admin",
      body: importReportBody(report),
    });
  });

  app.post("/admin/labels", admin, async (request, reply) => {
    const body = request.body;
    const expires = text(body, "expires").trim();
    await issueLabel(deps.db, {
      uscc: text(body, "uscc"),
      domains: domainList(text(body, "domains")),
      ...(expires ? { expiresOn: expires } : {}),
      actor: staffOf(request).user.name,
    });
    return reply.redirect("/admin?done=1#labels", 303);
  });

  app.post<{ Params: { serial: string } }>("/admin/labels/:serial/revoke", admin, async (request, reply) => {
    await revokeLabel(deps.db, {
      serial: request.params.serial,
      reason: text(request.body, "reason"),
      actor: staffOf(request).user.name,
    });
    return reply.redirect("/admin?done=1#labels", 303);
  });
}
