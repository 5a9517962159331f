// Case leads: list and page for every role; create, hand over, record feedback, close and change
// the 承办单位 for reviewers. Each change is audited by src/leads.
import type { FastifyInstance } from "fastify";
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
import { staffMessage } from "../views/staff-layout.ts";
import { ids, intOr, type StaffDeps, sendPage, staffOf, text } from "./deps.ts";

type IdParams = { Params: { id: string } };
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

  // STUB until src/export/bundle.ts exists: the evidence bundle (zip with the 笔录 and the
  // 交办通知书 PDFs) is built there; this route then streams it and the button above turns on.
  app.get<IdParams>("/leads/:id/bundle.zip", reviewer, async (request, reply) => {
    const lead = await getLead(deps.db, intOr(request.params.id, 0));
    if (!lead) return reply.callNotFound();
    const frame = { title: zhCN.leads.bundle, bureauName: deps.env.bureauName, staff: staffOf(request) };
    const message = {
      title: zhCN.leads.bundle,
      message: zhCN.leads.bundlePending,
      back: `/leads/${lead.id}`,
    };
    return reply.code(501).type("text/html; charset=utf-8").send(staffMessage(frame, message));
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
