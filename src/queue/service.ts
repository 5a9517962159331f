// The sweep service of `redshield serve` on PostgreSQL: the schedule, whose runs go onto the shard
// queue for `redshield worker` processes, the periodic reconcile (which also dispatches runs
// started from the UI), and — with --worker — a worker inside serve itself.
import type { Env } from "../config/env.ts";
import type { Db } from "../db/index.ts";
import { startScheduler } from "../sweeps/scheduler.ts";
import type { ScheduleDeps, SweepService } from "../sweeps/service.ts";
import { startQueueRuntime } from "./runtime.ts";

export async function startQueuedSweepService(
  db: Db,
  env: Env,
  deps: ScheduleDeps,
  options: { schedule: boolean; worker: boolean },
): Promise<SweepService> {
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
