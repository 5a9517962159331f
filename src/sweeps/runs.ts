// Repository of sweep runs and their shards. Creating a run is idempotent on its run key, so two
// schedule ticks (or two schedulers) for the same sweep and time create one run.
import os from "node:os";
import type { Prisma } from "../db/index.ts";
import type { ShardStats } from "./stats.ts";
import { type RunStatus, type RunTrigger, staleHeartbeatMs } from "./states.ts";

export type ShardTarget = { url: string; entityId?: number | null };
export type RunView = {
  id: number;
  sweep: string;
  runKey: string;
  trigger: string;
  status: string;
  scheduledFor: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  shardsTotal: number;
  shardsDone: number;
  pagesFetched: number;
  pagesFailed: number;
  entitiesChecked: number;
  behavioursChecked: number;
  newEntitiesFound: number;
  findingsNew: number;
  findingsSeen: number;
  obeyRobots: boolean;
  sample: string;
  options: string;
  stats: string;
  error: string;
  rulesHash: string;
  configHash: string;
};

export const processOwner = `${os.hostname()}:${process.pid}`;

export type NewRun = {
  sweep: string;
  runKey: string;
  trigger: RunTrigger;
  scheduledFor?: Date | null;
  configHash: string;
  rulesHash: string;
  obeyRobots: boolean;
  options: Record<string, unknown>;
};

/** A run with no key yet taken: is there one already? (Saves planning work for a repeated tick.) */
export async function findRunByKey(prisma: Prisma, runKey: string): Promise<RunView | null> {
  return prisma.sweepRun.findUnique({ where: { runKey } });
}

/**
 * Creates the run together with its shards in one transaction — a run is never seen without
 * them, so no other process can take it for empty and close it — or returns the existing run
 * with created=false when the key is taken.
 */
export async function createRun(
  prisma: Prisma,
  r: NewRun,
  shards: ShardTarget[][],
  sample: Record<string, unknown> | null,
): Promise<{ run: RunView; created: boolean }> {
  const existing = await findRunByKey(prisma, r.runKey);
  if (existing) return { run: existing, created: false };
  try {
    const run = await prisma.$transaction(async (tx) => {
      const created = await tx.sweepRun.create({
        data: {
          sweep: r.sweep,
          runKey: r.runKey,
          trigger: r.trigger,
          status: "queued",
          scheduledFor: r.scheduledFor ?? null,
          configHash: r.configHash,
          rulesHash: r.rulesHash,
          obeyRobots: r.obeyRobots,
          options: JSON.stringify(r.options),
          shardsTotal: shards.length,
          sample: sample ? JSON.stringify(sample) : "",
        },
      });
      if (shards.length)
        await tx.sweepShard.createMany({
          data: shards.map((targets, seq) => ({ runId: created.id, seq, targets: JSON.stringify(targets) })),
        });
      return created;
    });
    return { run, created: true };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return { run: await prisma.sweepRun.findUniqueOrThrow({ where: { runKey: r.runKey } }), created: false };
  }
}

export async function getRun(prisma: Prisma, id: number): Promise<RunView | null> {
  return prisma.sweepRun.findUnique({ where: { id } });
}

export async function listRuns(prisma: Prisma, take = 20): Promise<RunView[]> {
  return prisma.sweepRun.findMany({ orderBy: { id: "desc" }, take });
}

/** An unfinished run of this sweep (queued or running with a live driver), if any. */
export async function activeRunOf(prisma: Prisma, sweep: string): Promise<RunView | null> {
  const fresh = new Date(Date.now() - staleHeartbeatMs);
  return prisma.sweepRun.findFirst({
    where: { sweep, OR: [{ status: "queued" }, { status: "running", heartbeatAt: { gte: fresh } }] },
    orderBy: { id: "desc" },
  });
}

export async function markRunning(prisma: Prisma, runId: number): Promise<void> {
  const now = new Date();
  await prisma.sweepRun.update({
    where: { id: runId },
    data: { status: "running", owner: processOwner, heartbeatAt: now },
  });
  await prisma.sweepRun.updateMany({ where: { id: runId, startedAt: null }, data: { startedAt: now } });
}

export async function heartbeat(prisma: Prisma, runId: number): Promise<void> {
  await prisma.sweepRun.update({ where: { id: runId }, data: { heartbeatAt: new Date() } });
}

export type ClaimedShard = {
  id: number;
  runId: number;
  seq: number;
  /** Which attempt this claim is (1 for the first). */
  attempts: number;
  targets: ShardTarget[];
};

/** What a claim writes: the shard is this worker's, and figures of an earlier attempt are dropped. */
const claimData = (worker: string) => ({
  status: "running",
  worker,
  startedAt: new Date(),
  attempts: { increment: 1 },
  stats: "{}",
});

/** Takes the next pending shard of a run for this process; null when none is left. */
export async function claimShard(prisma: Prisma, runId: number, worker = processOwner) {
  for (;;) {
    const next = await prisma.sweepShard.findFirst({
      where: { runId, status: "pending" },
      orderBy: { seq: "asc" },
    });
    if (!next) return null;
    const taken = await prisma.sweepShard.updateMany({
      where: { id: next.id, status: "pending" },
      data: claimData(worker),
    });
    if (taken.count === 1)
      return { ...next, attempts: next.attempts + 1, targets: JSON.parse(next.targets) as ShardTarget[] };
  }
}

/**
 * Takes one given shard (queue mode): a pending one, or one still marked running by a worker that
 * died (the caller holds the shard's liveness lock, so no live worker has it). Null when the shard
 * is already done or failed, e.g. a job delivered again after its shard was finished.
 */
export async function claimShardById(
  prisma: Prisma,
  shardId: number,
  worker = processOwner,
): Promise<ClaimedShard | null> {
  const taken = await prisma.sweepShard.updateMany({
    where: { id: shardId, status: { in: ["pending", "running"] } },
    data: claimData(worker),
  });
  if (taken.count !== 1) return null;
  const s = await prisma.sweepShard.findUniqueOrThrow({ where: { id: shardId } });
  return {
    id: s.id,
    runId: s.runId,
    seq: s.seq,
    attempts: s.attempts,
    targets: JSON.parse(s.targets) as ShardTarget[],
  };
}

/** Gives a shard back (its attempt failed and will be retried): pending again, figures dropped. */
export async function releaseShard(prisma: Prisma, shardId: number, error: string): Promise<void> {
  await prisma.sweepShard.updateMany({
    where: { id: shardId, status: "running" },
    data: { status: "pending", stats: "{}", error: error.slice(0, 2000) },
  });
}

/**
 * The running figures of a shard, summed into its run, so any process can show the run's progress
 * while it crawls. Returns the run with its refreshed figures.
 */
export async function recordShardProgress(
  prisma: Prisma,
  runId: number,
  shardId: number,
  stats: ShardStats,
): Promise<RunView> {
  await prisma.sweepShard.updateMany({
    where: { id: shardId, status: "running" },
    data: { stats: JSON.stringify(stats) },
  });
  return refreshRunFigures(prisma, runId, false);
}

/** Marks a queued run as running once its first shard is taken (any worker; only the first writes). */
export async function markRunStarted(prisma: Prisma, runId: number): Promise<void> {
  const now = new Date();
  await prisma.sweepRun.updateMany({
    where: { id: runId, status: "queued" },
    data: { status: "running", heartbeatAt: now, owner: "queue" },
  });
  await prisma.sweepRun.updateMany({ where: { id: runId, startedAt: null }, data: { startedAt: now } });
}

/**
 * Ends the run when no shard is pending or running. Several workers may finish their last shards
 * at once: each computes the same totals from the same shards, so finishing twice is harmless.
 */
export async function finishRunIfDone(prisma: Prisma, runId: number): Promise<RunView | null> {
  const open = await prisma.sweepShard.count({ where: { runId, status: { in: ["pending", "running"] } } });
  if (open > 0) return null;
  return refreshRunFigures(prisma, runId, true);
}

export async function completeShard(
  prisma: Prisma,
  shardId: number,
  stats: ShardStats,
  failed: string | null,
): Promise<void> {
  await prisma.sweepShard.update({
    where: { id: shardId },
    data: {
      status: failed ? "failed" : "done",
      endedAt: new Date(),
      stats: JSON.stringify(stats),
      error: failed ?? "",
    },
  });
}

/** Puts shards left "running" by a dead process back to pending, and the run back in the queue. */
export async function reopenInterrupted(prisma: Prisma, runId: number): Promise<number> {
  const r = await prisma.sweepShard.updateMany({
    where: { runId, status: "running" },
    data: { status: "pending" },
  });
  await prisma.sweepRun.update({ where: { id: runId }, data: { status: "queued", endedAt: null } });
  return r.count;
}

/** Runs marked running whose driver stopped beating: candidates for resume. */
export async function staleRuns(prisma: Prisma): Promise<RunView[]> {
  const cutoff = new Date(Date.now() - staleHeartbeatMs);
  return prisma.sweepRun.findMany({
    where: { status: "running", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: cutoff } }] },
  });
}

/** Sums the done shards' figures into the run; sets the final status when no shard is left. */
export async function refreshRunFigures(prisma: Prisma, runId: number, final: boolean): Promise<RunView> {
  const shards = await prisma.sweepShard.findMany({
    where: { runId },
    select: { status: true, stats: true },
  });
  const entities = new Set<number>();
  const newDomains = new Set<string>();
  const errorsByKind: Record<string, number> = {};
  const findingsByCategory: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  let pagesFetched = 0;
  let pagesFailed = 0;
  let behaviours = 0;
  let done = 0;
  let failed = 0;
  for (const s of shards) {
    if (s.status === "failed") failed++;
    if (s.status === "done") done++;
    // A running shard's figures so far count toward live progress; the final totals have none.
    if (s.status !== "done" && s.status !== "running") continue;
    const st = parseStats(s.stats);
    if (!st) continue;
    pagesFetched += st.pagesFetched;
    pagesFailed += st.pagesFailed;
    behaviours += st.behavioursChecked;
    for (const e of st.entitiesChecked) entities.add(e);
    for (const d of st.newEntityDomains) newDomains.add(d);
    addInto(errorsByKind, st.errorsByKind);
    addInto(findingsByCategory, st.findingsByCategory);
    addInto(skipped, st.skipped);
  }
  const [findingsNew, findingsSeen] = await Promise.all([
    prisma.finding.count({ where: { firstRunId: runId } }),
    prisma.finding.count({ where: { lastRunId: runId } }),
  ]);
  const status: RunStatus | undefined = final
    ? failed > 0 && done === 0 && shards.length > 0
      ? "failed"
      : "completed"
    : undefined;
  return prisma.sweepRun.update({
    where: { id: runId },
    data: {
      shardsDone: done,
      pagesFetched,
      pagesFailed,
      behavioursChecked: behaviours,
      entitiesChecked: entities.size,
      newEntitiesFound: newDomains.size,
      findingsNew,
      findingsSeen,
      stats: JSON.stringify({ errorsByKind, findingsByCategory, skipped, shardsFailed: failed }),
      heartbeatAt: new Date(),
      ...(status ? { status, endedAt: new Date() } : {}),
    },
  });
}

/** Shard figures, or null for a shard that has none yet ("{}" until its first progress report). */
function parseStats(text: string): ShardStats | null {
  const st = JSON.parse(text) as Partial<ShardStats>;
  return typeof st.pagesFetched === "number" ? (st as ShardStats) : null;
}

function addInto(target: Record<string, number>, source: Record<string, number>): void {
  for (const [k, v] of Object.entries(source)) target[k] = (target[k] ?? 0) + v;
}

export type ShardOverview = {
  counts: Record<string, number>;
  /** Shards being crawled and shards that failed or were retried: what an operator looks at. */
  notable: {
    seq: number;
    status: string;
    worker: string;
    attempts: number;
    startedAt: Date | null;
    endedAt: Date | null;
    pages: number;
    error: string;
  }[];
};

/** Shard counts by status and the shards worth a look (running, failed, retried), for the runs page. */
export async function shardOverview(prisma: Prisma, runId: number, take = 100): Promise<ShardOverview> {
  const groups = await prisma.sweepShard.groupBy({
    by: ["status"],
    where: { runId },
    _count: { _all: true },
  });
  const rows = await prisma.sweepShard.findMany({
    where: {
      runId,
      OR: [{ status: { in: ["running", "failed"] } }, { attempts: { gt: 1 } }, { error: { not: "" } }],
    },
    orderBy: { seq: "asc" },
    take,
  });
  return {
    counts: Object.fromEntries(groups.map((g) => [g.status, g._count._all])),
    notable: rows.map((r) => ({
      seq: r.seq,
      status: r.status,
      worker: r.worker,
      attempts: r.attempts,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      pages: parseStats(r.stats)?.pagesFetched ?? 0,
      error: r.error,
    })),
  };
}
