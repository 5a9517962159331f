// Puts a run's pending shards on the queue. Each shard gets its job id once (the first dispatcher
// to write it wins), so dispatching again — after a crash between creating a run and publishing
// it, or from the periodic reconcile in every process — never makes a second job for a shard.
import crypto from "node:crypto";
import type { Prisma } from "../db/index.ts";
import type { ShardQueue } from "./shard-queue.ts";

export async function dispatchRun(prisma: Prisma, queue: ShardQueue, runId: number): Promise<number> {
  const unassigned = await prisma.sweepShard.findMany({
    where: { runId, status: "pending", jobId: "" },
    select: { id: true },
  });
  for (const s of unassigned) {
    await prisma.sweepShard.updateMany({
      where: { id: s.id, jobId: "" },
      data: { jobId: crypto.randomUUID() },
    });
  }
  const pending = await prisma.sweepShard.findMany({
    where: { runId, status: "pending" },
    select: { id: true, jobId: true },
    orderBy: { seq: "asc" },
  });
  await queue.publish(pending.map((s) => ({ id: s.jobId, data: { runId, shardId: s.id } })));
  return pending.length;
}

/** Makes failed shards of a run pending again under new jobs (`sweep resume`). */
export async function retryFailedShards(prisma: Prisma, runId: number): Promise<number> {
  const r = await prisma.sweepShard.updateMany({
    where: { runId, status: "failed" },
    data: { status: "pending", jobId: "", stats: "{}", error: "" },
  });
  if (r.count > 0)
    await prisma.sweepRun.update({ where: { id: runId }, data: { status: "queued", endedAt: null } });
  return r.count;
}
