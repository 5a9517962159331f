// Puts a run's pending shards on the queue. Each shard gets its job id once (the first dispatcher
// to write it wins), so dispatching again — after a crash between creating a run and publishing
// it, or from the periodic reconcile in every process — never makes a second live job for a shard.
// Returns how many jobs were published.
import crypto from "node:crypto";
import type { Prisma } from "../db/index.ts";
import type { ShardQueue } from "./shard-queue.ts";

export async function dispatchRun(prisma: Prisma, queue: ShardQueue, runId: number): Promise<number> {
  const unassigned = await prisma.sweepShard.findMany({
    where: { runId, status: "pending", jobId: "" },
    select: { id: true },
  });
  for (const s of unassigned) await assignJob(prisma, s.id, "");
  let pending = await pendingShards(prisma, runId);
  // Only shards without a live job are published: the reconcile of every process comes through
  // here every few seconds, and a run may have thousands of pending shards. A pending shard whose
  // job has ended (a worker's bookkeeping was cut short) gets a new job rather than waiting forever.
  const states = await queue.states(pending.map((s) => s.jobId));
  const ended = pending.filter((s) =>
    ["completed", "failed", "cancelled"].includes(states.get(s.jobId) ?? ""),
  );
  for (const s of ended) await assignJob(prisma, s.id, s.jobId);
  if (ended.length) pending = await pendingShards(prisma, runId);
  const live = ended.length ? await queue.states(pending.map((s) => s.jobId)) : states;
  const unpublished = pending.filter((s) => !live.has(s.jobId));
  await queue.publish(unpublished.map((s) => ({ id: s.jobId, data: { runId, shardId: s.id } })));
  return unpublished.length;
}

/** Gives a shard a new job id, unless another dispatcher already replaced `current`. */
async function assignJob(prisma: Prisma, shardId: number, current: string): Promise<void> {
  await prisma.sweepShard.updateMany({
    where: { id: shardId, jobId: current },
    data: { jobId: crypto.randomUUID() },
  });
}

function pendingShards(prisma: Prisma, runId: number) {
  return prisma.sweepShard.findMany({
    where: { runId, status: "pending" },
    select: { id: true, jobId: true },
    orderBy: { seq: "asc" },
  });
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
