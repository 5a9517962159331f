// Sweep runs: list, one run with live progress (JSON endpoint polled by the page), and for
// administrators "start now": the run is queued here and picked up within seconds — by the
// in-process runner of `redshield serve` on SQLite, or dispatched to the workers' shard queue by
// the periodic reconcile on PostgreSQL.
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { InputError } from "../../errors.ts";
import { loadRulePacks } from "../../signals/index.ts";
import { getSweep, loadSweeps } from "../../sweeps/config.ts";
import { getRun, listRuns, shardOverview } from "../../sweeps/runs.ts";
import { startRun } from "../../sweeps/start.ts";
import { roleAtLeast } from "../../users/index.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { liveFigures, runBody, runListBody } from "../views/run-pages.ts";
import { intOr, type StaffDeps, sendPage, staffOf, text } from "./deps.ts";

type IdParams = { Params: { id: string } };

function seedsOf(textValue: string): string[] {
  const seeds = textValue.split(/\s+/).filter(Boolean);
  for (const s of seeds) {
    if (!/^https?:\/\/\S+$/.test(s))
      throw new InputError(`seed "${s}" is not an http(s) URL`, `种子网址“${s}”不是 http(s) 网址`);
  }
  return seeds;
}

export function registerRunRoutes(app: FastifyInstance, deps: StaffDeps): void {
  app.get("/runs", async (request, reply) => {
    const staff = staffOf(request);
    const runs = await listRuns(deps.db.prisma, 50);
    const start = roleAtLeast(staff.user.role, "admin")
      ? {
          staff,
          sweeps: [...loadSweeps(deps.env.configDir).sweeps.values()].map((s) => ({
            name: s.name,
            description: s.description,
          })),
        }
      : null;
    return sendPage(request, reply, deps, {
      title: zhCN.runs.title,
      active: "runs",
      body: runListBody(runs, start),
    });
  });

  app.get<IdParams>("/runs/:id", async (request, reply) => {
    const run = await getRun(deps.db.prisma, intOr(request.params.id, 0));
    if (!run) return reply.callNotFound();
    return sendPage(request, reply, deps, {
      title: zhCN.runs.detailTitle(run.id),
      active: "runs",
      body: runBody(run, await shardOverview(deps.db.prisma, run.id)),
      scripts: ["runs.js"],
    });
  });

  app.get<IdParams>("/runs/:id/progress.json", async (request, reply) => {
    const run = await getRun(deps.db.prisma, intOr(request.params.id, 0));
    if (!run) return reply.code(404).send({ error: "not found" });
    return reply.header("cache-control", "no-store").send({
      id: run.id,
      status: run.status,
      shardsDone: run.shardsDone,
      shardsTotal: run.shardsTotal,
      shardsText: zhCN.runs.progress(run.shardsDone, run.shardsTotal),
      figures: Object.fromEntries(liveFigures.map((k) => [k, run[k]])),
      endedAt: run.endedAt?.toISOString() ?? null,
    });
  });

  app.post("/runs", { config: { role: "admin" } }, async (request, reply) => {
    const sweeps = loadSweeps(deps.env.configDir);
    const name = text(request.body, "sweep");
    if (!sweeps.sweeps.has(name))
      throw new InputError(`sweep: unknown "${name}"`, `没有名为“${name}”的巡查任务`);
    const def = getSweep(sweeps, name);
    const { run } = await startRun(deps.db.prisma, {
      def,
      trigger: "manual",
      extraSeeds: seedsOf(text(request.body, "seeds")),
      rulesHash: loadRulePacks(path.join(deps.env.configDir, "rules")).hash,
      configDir: deps.env.configDir,
    });
    return reply.redirect(`/runs/${run.id}?done=1`, 303);
  });
}
