// The periodic check every PostgreSQL-mode process runs (serve and each worker); all of it is
// idempotent, so any number of processes may run it at once:
//  - shards of unfinished runs still pending get their jobs (again): a crash between creating a
//    run and publishing it loses nothing;
//  - a shard marked running whose worker's liveness lock is gone had its worker die (or lose the
//    database): its job's attempt is failed at once, so pg-boss retries it on another worker (with
//    back-off) — when the retries are used up the shard counts as failed; the same for a pending
//    shard whose job stayed active with no worker holding it;
//  - a run whose shards are all finished is closed with its totals.
import pg from "pg";
import type { Prisma } from "../db/index.ts";
import { logger } from "../log.ts";
import { completeShard, finishRunIfDone, releaseShard } from "../sweeps/runs.ts";
import { emptyStats } from "../sweeps/stats.ts";
import { dispatchRun } from "./dispatch.ts";
import { ownerIsGone } from "./liveness.ts";
import type { ShardQueue } from "./shard-queue.ts";

const log = logger("queue");

const claimGraceSecs = 15;

export type ReconcileReport = { dispatched: number; lost: number; finished: number };

export async function reconcileOnce(
  prisma: Prisma,
  queue: ShardQueue,
  probe: pg.Pool,
): Promise<ReconcileReport> {
  const report: ReconcileReport = { dispatched: 0, lost: 0, finished: 0 };
  const runs = await prisma.sweepRun.findMany({
    where: { status: { in: ["queued", "running"] } },
    select: { id: true },
  });
  for (const { id: runId } of runs) {
    const open = await prisma.sweepShard.findMany({
      where: { runId, status: { in: ["pending", "running"] }, jobId: { not: "" } },
      select: { id: true, jobId: true, attempts: true, status: true },
    });
    // A pending shard whose job is active but which no live worker holds: its worker lost the
    // database while failing the attempt (e.g. a PostgreSQL restart), so the job would otherwise
    // sit until it expires. The grace period covers the moment between fetch and claim.
    const pending = open.filter((s) => s.status === "pending");
    const stuck = new Set(
      await queue.activeSince(
        pending.map((s) => s.jobId),
        claimGraceSecs,
      ),
    );
    for (const shard of open) {
      if (shard.status === "pending" && !stuck.has(shard.jobId)) continue;
      if (!(await ownerIsGone(probe, shard.id))) continue;
      // Still the same attempt? A worker may have finished or re-taken it since we looked.
      const now = await prisma.sweepShard.findUnique({ where: { id: shard.id } });
      if (now?.status !== shard.status || now.attempts !== shard.attempts) continue;
      if (!(await ownerIsGone(probe, shard.id))) continue;
      await recoverLostShard(prisma, queue, shard.id, shard.jobId);
      report.lost++;
    }
    report.dispatched += await dispatchRun(prisma, queue, runId);
    if (await finishRunIfDone(prisma, runId)) report.finished++;
  }
  return report;
}

async function recoverLostShard(
  prisma: Prisma,
  queue: ShardQueue,
  shardId: number,
  jobId: string,
): Promise<void> {
  const reason = "worker lost (its connection to the database ended)";
  const before = await queue.state(jobId);
  if (before === "active") await queue.failLost(jobId, reason);
  const after = await queue.state(jobId);
  if (after === "failed") {
    await completeShard(prisma, shardId, emptyStats(), `${reason}; retries used up`);
    log.warn("shard failed for good: its workers kept dying", { shard: shardId, job: jobId });
  } else {
    await releaseShard(prisma, shardId, reason);
    log.warn("shard of a lost worker goes back on the queue", {
      shard: shardId,
      job: jobId,
      job_state: after,
    });
  }
}

/** Runs reconcileOnce every `seconds` until stopped. */
export function startReconciler(
  prisma: Prisma,
  queue: ShardQueue,
  databaseUrl: string,
  seconds: number,
): { stop(): Promise<void>; now(): Promise<ReconcileReport> } {
  const probe = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    application_name: "redshield-reconcile",
  });
  probe.on("error", (error) => log.warn("reconcile connection lost", { error: error.message }));
  let busy: Promise<ReconcileReport> | null = null;
  const now = () => {
    busy ??= reconcileOnce(prisma, queue, probe).finally(() => {
      busy = null;
    });
    return busy;
  };
  const timer = setInterval(() => {
    now().catch((error) => log.warn("reconcile failed", { error: (error as Error).message }));
  }, seconds * 1000);
  timer.unref();
  return {
    now,
    stop: async () => {
      clearInterval(timer);
      await busy?.catch(() => {});
      await probe.end().catch(() => {});
    },
  };
}
