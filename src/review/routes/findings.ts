// The findings queue and the finding page (read: every role), and the review actions on them
// (reviewer): confirm, dismiss with a reason, reopen, note, assign, and the bulk forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  addFindingNote,
  assignFindings,
  leadCandidates,
  type ReviewOutcome,
  reviewFindings,
} from "../../leads/index.ts";
import { logger } from "../../log.ts";
import { loadSweeps } from "../../sweeps/config.ts";
import { roleAtLeast } from "../../users/index.ts";
import { safeNext } from "../auth/guard.ts";
import { findingDetail, reviewerNames } from "../data/finding-detail.ts";
import { decodeCursor, encodeCursor, findingsPage } from "../data/findings-queue.ts";
import { parseQueueFilter } from "../data/queue-filter.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { findingBody } from "../views/finding-page.ts";
import { queueBody } from "../views/queue-page.ts";
import { staffMessage } from "../views/staff-layout.ts";
import { cachedFor } from "./cache.ts";
import { ids, type StaffDeps, sendPage, staffOf, text } from "./deps.ts";

export const queuePageSize = 50;
const maxTextChars = 200_000;
const log = logger("web");

type IdParams = { Params: { id: string } };

function sweepNames(configDir: string): string[] {
  try {
    return [...loadSweeps(configDir).sweeps.keys()];
  } catch (error) {
    log.warn("sweep names unavailable for the queue filter", { error: (error as Error).message });
    return [];
  }
}

function idParam(request: FastifyRequest<IdParams>): number | null {
  return /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : null;
}

export function registerFindingRoutes(app: FastifyInstance, deps: StaffDeps): void {
  const sweeps = sweepNames(deps.env.configDir);
  const regions = cachedFor(60_000, async () => {
    const rows = await deps.db.prisma.entity.groupBy({ by: ["region"], orderBy: { region: "asc" } });
    return rows.map((r) => r.region).filter(Boolean);
  });

  app.get("/findings", async (request, reply) => {
    const query = request.query as Record<string, string>;
    const filter = parseQueueFilter(query);
    const cursor = decodeCursor(query.after);
    const page = await findingsPage(deps.db, filter, cursor, queuePageSize);
    const staff = staffOf(request);
    const body = queueBody({
      staff,
      filter,
      rows: page.rows,
      nextCursor: page.next ? encodeCursor(page.next) : null,
      isFirstPage: !cursor,
      unknownEntity: page.unknownEntity,
      sweeps,
      regions: await regions(),
      canReview: roleAtLeast(staff.user.role, "reviewer"),
      back: request.url,
    });
    return sendPage(request, reply, deps, {
      title: zhCN.queue.title,
      active: "findings",
      body,
      scripts: ["queue.js"],
    });
  });

  app.get<IdParams>("/findings/:id", async (request, reply) => {
    const id = idParam(request);
    const finding = id === null ? null : await findingDetail(deps.db, id);
    if (!finding) return reply.callNotFound();
    const staff = staffOf(request);
    const canReview = roleAtLeast(staff.user.role, "reviewer");
    const [reviewers, candidates, pageText] = await Promise.all([
      canReview ? reviewerNames(deps.db) : Promise.resolve([]),
      canReview ? leadCandidates(deps.db, finding.id) : Promise.resolve([]),
      readPageText(deps, finding.capture?.textSha256),
    ]);
    const body = findingBody({ staff, finding, canReview, reviewers, leadCandidates: candidates, pageText });
    return sendPage(request, reply, deps, {
      title: zhCN.finding.title(finding.id),
      active: "findings",
      body,
    });
  });

  registerActions(app, deps);
}

async function readPageText(deps: StaffDeps, sha256: string | undefined) {
  if (!sha256) return null;
  try {
    const text = (await deps.store.read(sha256)).toString("utf8");
    return { text: text.slice(0, maxTextChars), truncated: text.length > maxTextChars };
  } catch {
    return null;
  }
}

function refusedUnlessChanged(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: StaffDeps,
  outcome: ReviewOutcome,
  back: string,
) {
  if (outcome.changed.length > 0) return reply.redirect(`${back}?done=1`, 303);
  const frame = { title: zhCN.errors.refusedTitle, bureauName: deps.env.bureauName, staff: staffOf(request) };
  return reply
    .code(409)
    .type("text/html; charset=utf-8")
    .send(staffMessage(frame, { title: zhCN.errors.refusedTitle, message: zhCN.finding.stateRefused, back }));
}

function registerActions(app: FastifyInstance, deps: StaffDeps): void {
  const reviewer = { config: { role: "reviewer" as const } };
  for (const action of ["confirm", "dismiss", "reopen"] as const) {
    app.post<IdParams>(`/findings/:id/${action}`, reviewer, async (request, reply) => {
      const id = idParam(request);
      if (id === null) return reply.callNotFound();
      const actor = staffOf(request).user.name;
      const outcome = await reviewFindings(deps.db, action, {
        ids: [id],
        actor,
        reason: text(request.body, "reason"),
      });
      return refusedUnlessChanged(request, reply, deps, outcome, `/findings/${id}`);
    });
  }

  app.post<IdParams>("/findings/:id/note", reviewer, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return reply.callNotFound();
    await addFindingNote(deps.db, {
      findingId: id,
      text: text(request.body, "text"),
      actor: staffOf(request).user.name,
    });
    return reply.redirect(`/findings/${id}?done=1`, 303);
  });

  app.post<IdParams>("/findings/:id/assign", reviewer, async (request, reply) => {
    const id = idParam(request);
    if (id === null) return reply.callNotFound();
    const actor = staffOf(request).user.name;
    await assignFindings(deps.db, { ids: [id], assignee: text(request.body, "assignee"), actor });
    return reply.redirect(`/findings/${id}?done=1`, 303);
  });

  app.post("/findings/bulk", reviewer, async (request, reply) => {
    const body = request.body;
    const action = text(body, "action");
    if (action !== "confirm" && action !== "dismiss")
      return reply.code(400).send({ error: "unknown action" });
    const outcome = await reviewFindings(deps.db, action, {
      ids: ids(body, "ids"),
      actor: staffOf(request).user.name,
      reason: text(body, "reason"),
    });
    const back = new URL(safeNext(text(body, "back") || "/findings"), "http://x");
    back.searchParams.set("changed", String(outcome.changed.length));
    back.searchParams.set("skipped", String(outcome.skipped.length));
    back.searchParams.delete("done");
    return reply.redirect(`${back.pathname}${back.search}`, 303);
  });
}
