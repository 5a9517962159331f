// Drives a run in this process: takes its pending shards one by one, hands each to the shard
// processor passed in (src/worker, which owns the crawlers), records the result, keeps the
// heartbeat, and totals the figures. Everything lives in the database, so a killed process
// loses at most the shard it was on, which is crawled again on resume.
import type { Prisma } from "../db/index.ts";
import { logger } from "../log.ts";
import {
  claimShard,
  completeShard,
  getRun,
  heartbeat,
  markRunning,
  recordShardProgress,
  refreshRunFigures,
  type RunView,
  type ShardTarget,
} from "./runs.ts";
import { emptyStats, type ShardStats } from "./stats.ts";

const log = logger("sweep");

export type ShardJob = {
  runId: number;
  shardId: number;
  seq: number;
  /** Which attempt at this shard this is (1 for the first): names the shard's WARC file. */
  attempt: number;
  targets: ShardTarget[];
  /** Called every few seconds with the shard's figures so far (live progress). */
  progress?: (stats: ShardStats) => void;
};
export type ShardProcessor = (job: ShardJob) => Promise<ShardStats>;
export type Progress = (run: RunView) => void;

export async function driveRun(
  prisma: Prisma,
  runId: number,
  processShard: ShardProcessor,
  onProgress?: Progress,
): Promise<RunView> {
  await markRunning(prisma, runId);
  const beat = setInterval(() => heartbeat(prisma, runId).catch(() => {}), 10_000);
  beat.unref();
  try {
    for (;;) {
      const shard = await claimShard(prisma, runId);
      if (!shard) break;
      try {
        const stats = await processShard({
          runId,
          shardId: shard.id,
          seq: shard.seq,
          attempt: shard.attempts,
          targets: shard.targets,
          progress: (s) => {
            recordShardProgress(prisma, runId, shard.id, s)
              .then((run) => onProgress?.(run))
              .catch(() => {}); // progress is best effort; the shard's result is recorded below
          },
        });
        await completeShard(prisma, shard.id, stats, null);
      } catch (error) {
        log.error("shard failed", { runId, seq: shard.seq, error: (error as Error).message });
        await completeShard(prisma, shard.id, emptyStats(), (error as Error).message);
      }
      onProgress?.(await refreshRunFigures(prisma, runId, false));
    }
    const run = await refreshRunFigures(prisma, runId, true);
    onProgress?.(run);
    return run;
  } finally {
    clearInterval(beat);
  }
}

export async function runOrThrow(prisma: Prisma, runId: number): Promise<RunView> {
  const run = await getRun(prisma, runId);
  if (!run) throw new Error(`no run ${runId}`);
  return run;
}
