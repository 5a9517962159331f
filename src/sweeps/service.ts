// The sweep service of `redshield serve` on the embedded database: the schedule (node-cron ticks
// only enqueue) and the in-process runner that crawls queued runs and resumes interrupted ones.
// PostgreSQL mode has its own in src/queue/service.ts.
import type { Db } from "../db/index.ts";
import type { ShardProcessor } from "./execute.ts";
import { startRunner } from "./runner.ts";
import { startScheduler, type SchedulerDeps } from "./scheduler.ts";

export type SweepService = { stop(): Promise<void>; wake(): void };
export type ScheduleDeps = Omit<SchedulerDeps, "prisma" | "onRunQueued">;

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
