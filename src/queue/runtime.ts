// Assembles PostgreSQL mode in one process: the queue, the periodic reconcile and — for a worker —
// the shard handler with its liveness locks. `serve`, `worker` and `sweep run --wait` all start
// their part of it here.
import type { Env } from "../config/env.ts";
import type { Db } from "../db/index.ts";
import { logger } from "../log.ts";
import { dispatchRun } from "./dispatch.ts";
import { openLiveness } from "./liveness.ts";
import { type ReconcileReport, startReconciler } from "./reconcile.ts";
import { openShardQueue } from "./shard-queue.ts";
import { shardJobHandler } from "./worker.ts";

const log = logger("queue");

export type QueueRuntime = {
  /** Publishes a run's pending shards (idempotent). */
  dispatch(runId: number): Promise<number>;
  reconcileNow(): Promise<ReconcileReport>;
  stop(): Promise<void>;
};

export type WorkerOptions = { concurrency: number };

export async function startQueueRuntime(
  db: Db,
  env: Env,
  role: string,
  worker?: WorkerOptions,
): Promise<QueueRuntime> {
  if (db.provider !== "postgresql")
    throw new Error("the shard queue needs PostgreSQL (DATABASE_URL=postgresql://…)");
  const queue = await openShardQueue(env, role);
  const reconciler = startReconciler(db.prisma, queue, env.databaseUrl, env.queue.reconcileSecs);
  let stopWorker = async () => {};
  if (worker) {
    const { loadWorkerDeps } = await import("../worker/deps.ts");
    const { runShard } = await import("../worker/run-shard.ts");
    const deps = loadWorkerDeps(db, env);
    const liveness = await openLiveness(env.databaseUrl);
    await queue.work(
      worker.concurrency,
      shardJobHandler(db.prisma, liveness, (job) => runShard(deps, job)),
    );
    log.info("worker taking shards", { concurrency: worker.concurrency });
    stopWorker = async () => {
      await liveness.close();
      await deps.close();
    };
  }
  return {
    dispatch: (runId) => dispatchRun(db.prisma, queue, runId),
    reconcileNow: () => reconciler.now(),
    stop: async () => {
      await reconciler.stop();
      await queue.stop();
      await stopWorker();
    },
  };
}
