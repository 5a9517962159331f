// The sweep service of `redshield serve`. On the embedded database: the schedule (node-cron ticks
// only enqueue) and the in-process runner that crawls queued runs and resumes interrupted ones.
// On PostgreSQL: the schedule, whose runs go onto the shard queue for `redshield worker`
// processes, the periodic reconcile (which also dispatches runs started from the UI), and — with
// --worker — a worker inside serve itself.
import type { Env } from "../config/env.ts";
import type { Db } from "../db/index.ts";
import type { ShardProcessor } from "./execute.ts";
import { startRunner } from "./runner.ts";
import { startScheduler, type SchedulerDeps } from "./scheduler.ts";

export type SweepService = { stop(): Promise<void>; wake(): void };
type ScheduleDeps = Omit<SchedulerDeps, "prisma" | "onRunQueued">;

export function startSweepService(
  db: Db,
  deps: ScheduleDeps,
  processShard: ShardProcessor,
  options: { schedule: boolean },
): SweepService {
  const runner = startRunner(db.prisma, processShard);
  const scheduler = options.schedule
    ? startScheduler({ ...deps, prisma: db.prisma, onRunQueued: () => runner.wake() })
    : null;
  return {
    wake: runner.wake,
    stop: async () => {
      await scheduler?.stop();
      await runner.stop();
    },
  };
}

export async function startQueuedSweepService(
  db: Db,
  env: Env,
  deps: ScheduleDeps,
  options: { schedule: boolean; worker: boolean },
): Promise<SweepService> {
  const { startQueueRuntime } = await import("../queue/runtime.ts");
  const runtime = await startQueueRuntime(db, env, "serve", options.worker ? { concurrency: 1 } : undefined);
  const scheduler = options.schedule
    ? startScheduler({
        ...deps,
        prisma: db.prisma,
        onRunQueued: (run) => void runtime.dispatch(run.id).catch(() => {}), // reconcile retries it
      })
    : null;
  await runtime.reconcileNow();
  return {
    wake: () => void runtime.reconcileNow().catch(() => {}),
    stop: async () => {
      await scheduler?.stop();
      await runtime.stop();
    },
  };
}
