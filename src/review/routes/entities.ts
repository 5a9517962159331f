// The register as staff read it: search by USCC or name, and one entity's page.
import type { FastifyInstance } from "fastify";
import { isValidUscc } from "../../identity/index.ts";
import { listLabels } from "../../labels/index.ts";
import { listLeads } from "../../leads/index.ts";
import { findByUscc, listEntities } from "../../registry/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { entityBody, entityListBody } from "../views/entity-pages.ts";
import { intOr, type StaffDeps, sendPage } from "./deps.ts";

const pageSize = 50;
const timelineSize = 200;

export function registerEntityRoutes(app: FastifyInstance, deps: StaffDeps): void {
  app.get("/entities", async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const q = (query.q ?? "").trim().slice(0, 100);
    if (isValidUscc(q.toUpperCase())) return reply.redirect(`/entities/${q.toUpperCase()}`, 303);
    const page = Math.max(1, intOr(query.page, 1));
    const result = await listEntities(deps.db.prisma, { nameContains: q || undefined, page, pageSize });
    const body = entityListBody(q, result.items, result.total, page, page * pageSize < result.total);
    return sendPage(request, reply, deps, { title: zhCN.entities.title, active: "entities", body });
  });

  app.get<{ Params: { uscc: string } }>("/entities/:uscc", async (request, reply) => {
    const uscc = request.params.uscc.toUpperCase();
    const entity = /^[0-9A-Z]{18}$/.test(uscc) ? await findByUscc(deps.db.prisma, uscc) : null;
    if (!entity) return reply.callNotFound();
    const [labels, findings, leads] = await Promise.all([
      listLabels(deps.db, { uscc }),
      deps.db.prisma.finding.findMany({
        where: { entityId: entity.id },
        orderBy: [{ firstSeenAt: "desc" }, { id: "desc" }],
        take: timelineSize,
        select: {
          id: true,
          category: true,
          severity: true,
          status: true,
          url: true,
          excerpt: true,
          firstSeenAt: true,
          lastSeenAt: true,
        },
      }),
      listLeads(deps.db, { entityId: entity.id, take: 50 }),
    ]);
    return sendPage(request, reply, deps, {
      title: entity.name,
      active: "entities",
      body: entityBody({ entity, labels, findings, leads }),
    });
  });
}
