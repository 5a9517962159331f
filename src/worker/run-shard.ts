// Processes one shard: builds the sweep kind's crawler (through crawlers/index.ts, the only way
// in), crawls the shard's targets, and returns its figures. Used by the in-process driver and by
// `redshield worker` alike.
import { type AnalysisPool, crawlerKinds, crawlShard } from "../../crawlers/index.ts";
import type { Env } from "../config/env.ts";
import type { Prisma } from "../db/index.ts";
import type { EvidenceStore } from "../evidence/index.ts";
import type { RulePacks } from "../signals/index.ts";
import { getSweep, type SweepsConfig } from "../sweeps/config.ts";
import type { ShardJob } from "../sweeps/execute.ts";
import { runOrThrow } from "../sweeps/execute.ts";
import { type ShardStats, StatsCollector } from "../sweeps/stats.ts";
import { version } from "../version.ts";

export type WorkerDeps = {
  prisma: Prisma;
  store: EvidenceStore;
  packs: RulePacks;
  sweeps: SweepsConfig;
  env: Env;
  /** The analysis thread pool, started on first use. */
  analysis: () => Promise<AnalysisPool>;
  /** Stops the analysis threads if they were started. */
  close: () => Promise<void>;
};

export async function runShard(deps: WorkerDeps, job: ShardJob): Promise<ShardStats> {
  const run = await runOrThrow(deps.prisma, job.runId);
  const def = getSweep(deps.sweeps, run.sweep);
  const stats = new StatsCollector();
  const progress = job.progress ? setInterval(() => job.progress?.(stats.toJSON()), progressEveryMs) : null;
  try {
    await crawl(deps, job, run, def, stats);
  } finally {
    if (progress) clearInterval(progress);
  }
  return stats.toJSON();
}

const progressEveryMs = 3000;

async function crawl(
  deps: WorkerDeps,
  job: ShardJob,
  run: Awaited<ReturnType<typeof runOrThrow>>,
  def: ReturnType<typeof getSweep>,
  stats: StatsCollector,
): Promise<void> {
  await crawlShard({
    prisma: deps.prisma,
    store: deps.store,
    analysis: await deps.analysis(),
    crawler: crawlerKinds[def.kind](),
    def,
    run: {
      id: run.id,
      sweep: run.sweep,
      rulesHash: run.rulesHash,
      configHash: run.configHash,
      obeyRobots: run.obeyRobots,
    },
    targets: job.targets,
    shard: { seq: job.seq, attempt: job.attempt },
    stats,
    env: deps.env,
    version,
  });
}
