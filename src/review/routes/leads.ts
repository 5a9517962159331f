// Case leads: list and page for every role; create, hand over, record feedback, close, change the
// 承办单位 and download the evidence bundle for reviewers. Each change is audited by src/leads
// (and the bundle by src/export/bundle.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { documentSettings, exportBundle } from "../../export/bundle.ts";
import {
  advanceLead,
  createLead,
  getLead,
  isLeadStatus,
  listLeads,
  type Routing,
  setLeadUnit,
} from "../../leads/index.ts";
import { roleAtLeast } from "../../users/index.ts";
import { auditTrail } from "../data/finding-detail.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { leadBody, leadListBody } from "../views/lead-pages.ts";
import { ids, intOr, type StaffDeps, sendPage, staffOf, text } from "./deps.ts";

type IdParams = { Params: { id: string } };

/** attachment; an ASCII name for old clients and the Chinese one (RFC 6266 / 5987) for the rest. */
export function bundleDisposition(number: string): string {
  const safe = number.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${safe}-evidence-bundle.zip"; filename*=UTF-8''${encodeURIComponent(`${number}-证据包.zip`)}`;
}

const pageSize = 50;

/** The routing recorded when the lead was created, read back from its audit row. */
function routingNote(audit: { action: string; details: string }[]): string {
  const created = audit.find((a) => a.action === "lead.create");
  let routing: Routing | undefined;
  try {
    routing = created ? (JSON.parse(created.details) as { routing?: Routing }).routing : undefined;
  } catch {
    routing = undefined;
  }
  const r = zhCN.leads.routing;
  if (routing?.basis === "region") return r.region;
  if (routing?.basis === "icp") return r.icp(routing.icp);
  return r.none;
}

export function registerLeadRoutes(
  app: FastifyInstance,
  deps: StaffDeps,
  options: { bundleAvailable: boolean },
): void {
  const reviewer = { config: { role: "reviewer" as const } };

  app.get("/leads", async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const status = q.status && isLeadStatus(q.status) ? q.status : "";
    const before = intOr(q.before, 0) || undefined;
    const leads = await listLeads(deps.db, { status: status || undefined, beforeId: before, take: pageSize });
    const nextBefore = leads.length === pageSize ? leads[leads.length - 1]!.id : null;
    return sendPage(request, reply, deps, {
      title: zhCN.leads.title,
      active: "leads",
      body: leadListBody(leads, status, nextBefore),
    });
  });

  app.get<IdParams>("/leads/:id", async (request, reply) => {
    const id = intOr(request.params.id, 0);
    const lead = id ? await getLead(deps.db, id) : null;
    if (!lead) return reply.callNotFound();
    const audit = await auditTrail(deps.db, "lead", lead.id);
    const staff = staffOf(request);
    const body = leadBody({
      staff,
      lead,
      canAct: roleAtLeast(staff.user.role, "reviewer"),
      routingNote: routingNote(audit),
      audit,
      bundleAvailable: options.bundleAvailable,
    });
    return sendPage(request, reply, deps, {
      title: zhCN.leads.detailTitle(lead.number),
      active: "leads",
      body,
    });
  });

  app.post("/leads", reviewer, async (request, reply) => {
    const lead = await createLead(deps.db, {
      findingIds: ids(request.body, "ids"),
      actor: staffOf(request).user.name,
      assignedUnit: text(request.body, "unit"),
      textOf: async (sha256) => (await deps.store.read(sha256).catch(() => null))?.toString("utf8") ?? null,
    });
    return reply.redirect(`/leads/${lead.id}?done=1`, 303);
  });

  app.post<IdParams>("/leads/:id/advance", reviewer, async (request, reply) => {
    const id = intOr(request.params.id, 0);
    const to = text(request.body, "to");
    if (!id || !isLeadStatus(to)) return reply.callNotFound();
    await advanceLead(deps.db, {
      leadId: id,
      to,
      actor: staffOf(request).user.name,
      feedback: text(request.body, "feedback"),
    });
    return reply.redirect(`/leads/${id}?done=1`, 303);
  });

  // The evidence bundle: written to a private temporary file first (a refusal, e.g. altered
  // evidence, becomes a Chinese error page instead of a truncated download), then streamed.
  // Exporting hands a confirmed lead over; both are audited by src/export/bundle.ts. It changes
  // state, so it is a POST from a form carrying the CSRF token, never a link.
  app.post<IdParams>("/leads/:id/bundle.zip", reviewer, async (request, reply) => {
    const lead = await getLead(deps.db, intOr(request.params.id, 0));
    if (!lead) return reply.callNotFound();
    const staff = staffOf(request);
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "rs-bundle-"));
    try {
      const file = path.join(dir, "bundle.zip");
      const result = await exportBundle(deps.db, file, {
        leadIds: [lead.id],
        actor: staff.user.name,
        store: deps.store,
        settings: documentSettings(deps.env.bureauName, { contact: staff.user.name }),
        now: deps.now(),
      });
      // Opened before the directory is removed below: the open handle keeps the data readable.
      const handle = await fs.promises.open(file);
      return reply
        .type("application/zip")
        .header("content-disposition", bundleDisposition(lead.number))
        .header("cache-control", "no-store")
        .header("x-manifest-sha256", result.manifestSha256)
        .send(handle.createReadStream());
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });

  app.post<IdParams>("/leads/:id/unit", reviewer, async (request, reply) => {
    const id = intOr(request.params.id, 0);
    if (!id) return reply.callNotFound();
    await setLeadUnit(deps.db, {
      leadId: id,
      unit: text(request.body, "unit"),
      actor: staffOf(request).user.name,
    });
    return reply.redirect(`/leads/${id}?done=1`, 303);
  });
}
