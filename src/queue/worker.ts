// A queue worker (`redshield worker`, or inside `serve --worker` and `sweep run --wait` on
// PostgreSQL): takes shard jobs from pg-boss and crawls them with the same shard processor the
// embedded mode uses. While it crawls a shard it holds the shard's liveness lock and reports its
// figures every few seconds, so every process sees the run's progress live.
import type { Prisma } from "../db/index.ts";
import { logger } from "../log.ts";
import type { ShardProcessor } from "../sweeps/execute.ts";
import {
  claimShardById,
  completeShard,
  finishRunIfDone,
  markRunStarted,
  recordShardProgress,
  refreshRunFigures,
  releaseShard,
} from "../sweeps/runs.ts";
import { emptyStats } from "../sweeps/stats.ts";
import type { Liveness } from "./liveness.ts";
import type { ShardJobInfo } from "./shard-queue.ts";

const log = logger("worker");

export function shardJobHandler(
  prisma: Prisma,
  liveness: Liveness,
  processShard: ShardProcessor,
): (job: ShardJobInfo) => Promise<void> {
  return async (job) => {
    const { runId, shardId } = job.data;
    if (!(await liveness.hold(shardId))) {
      // A live worker still has it (e.g. the job expired while that worker was slow): try later.
      throw new Error(`shard ${shardId} is being crawled by another live worker`);
    }
    try {
      const shard = await claimShardById(prisma, shardId);
      if (!shard) return; // finished already: a repeated delivery
      await markRunStarted(prisma, runId);
      log.info("shard started", {
        run: runId,
        seq: shard.seq,
        sites: shard.targets.length,
        attempt: job.retryCount + 1,
      });
      try {
        const stats = await processShard({
          runId,
          shardId,
          seq: shard.seq,
          attempt: shard.attempts,
          targets: shard.targets,
          progress: (s) => void recordShardProgress(prisma, runId, shardId, s).catch(() => {}),
        });
        await completeShard(prisma, shardId, stats, null);
        log.info("shard done", { run: runId, seq: shard.seq, pages: stats.pagesFetched });
      } catch (error) {
        const message = (error as Error).message;
        if (job.retryCount >= job.retryLimit) {
          log.error("shard failed for good", { run: runId, seq: shard.seq, error: message });
          await completeShard(prisma, shardId, emptyStats(), message);
        } else {
          log.warn("shard attempt failed; the queue retries it", {
            run: runId,
            seq: shard.seq,
            error: message,
          });
          await releaseShard(prisma, shardId, message).catch(() => {});
          throw error;
        }
      }
      // The run's totals: final when this was its last open shard, running figures otherwise.
      const finished = await finishRunIfDone(prisma, runId);
      if (finished)
        log.info("run ended", { run: runId, status: finished.status, pages: finished.pagesFetched });
      else await refreshRunFigures(prisma, runId, false);
    } finally {
      await liveness.release(shardId);
    }
  };
}
