// The schedule: node-cron fires each sweep at its cron times (Asia/Shanghai by default). A tick
// only enqueues: it creates the run under the key "<sweep>@<scheduled minute>" — so two ticks,
// or two schedulers, for the same time make one run — unless the sweep still has a run queued
// or running (a sweep never overlaps itself). Crawling is the runner's job.
import cron, { type ScheduledTask } from "node-cron";
import type { Prisma } from "../db/index.ts";
import { logger } from "../log.ts";
import type { SweepDefinition, SweepsConfig } from "./config.ts";
import { activeRunOf, type RunView } from "./runs.ts";
import { scheduledMinute, startRun } from "./start.ts";

const log = logger("scheduler");

export type TickOutcome = { status: "created" | "duplicate" | "overlap"; run: RunView };
export type SchedulerDeps = {
  prisma: Prisma;
  sweeps: SweepsConfig;
  rulesHash: string;
  configDir: string;
  onRunQueued?: (run: RunView) => void;
};

/** What one schedule tick does; exported so tests can fire ticks at chosen times. */
export async function tick(
  deps: SchedulerDeps,
  def: SweepDefinition,
  scheduledFor: Date,
): Promise<TickOutcome> {
  const active = await activeRunOf(deps.prisma, def.name);
  if (active && active.scheduledFor?.getTime() !== scheduledMinute(scheduledFor).getTime()) {
    log.warn("previous run still active; tick skipped", {
      sweep: def.name,
      activeRun: active.id,
      scheduledFor: scheduledFor.toISOString(),
    });
    return { status: "overlap", run: active };
  }
  const { run, created } = await startRun(deps.prisma, {
    def,
    trigger: "schedule",
    scheduledFor,
    rulesHash: deps.rulesHash,
    configDir: deps.configDir,
  });
  if (created) {
    log.info("scheduled run queued", { sweep: def.name, run: run.id, shards: run.shardsTotal });
    deps.onRunQueued?.(run);
  }
  return { status: created ? "created" : "duplicate", run };
}

export function startScheduler(deps: SchedulerDeps): { stop(): Promise<void>; tasks: number } {
  const tasks: ScheduledTask[] = [];
  for (const def of deps.sweeps.sweeps.values()) {
    if (!def.enabled || !def.schedule) continue;
    const task = cron.schedule(
      def.schedule,
      async (ctx) => {
        try {
          await tick(deps, def, ctx.date);
        } catch (error) {
          log.error("schedule tick failed", { sweep: def.name, error: (error as Error).message });
        }
      },
      { timezone: deps.sweeps.timezone, name: `sweep:${def.name}`, noOverlap: true },
    );
    tasks.push(task);
  }
  log.info("scheduler started", { sweeps: tasks.length, timezone: deps.sweeps.timezone });
  return {
    tasks: tasks.length,
    stop: async () => {
      for (const t of tasks) await t.destroy();
    },
  };
}
