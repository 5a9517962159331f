// Scale-out on the real PostgreSQL: an `entities` sweep of synthetic shops crawled by separate
// `redshield worker` processes through the pg-boss shard queue. Prints pages/s with one and two
// workers on the same 1,000 sites, the queue's overhead per shard (publishing, the wait before a
// worker takes its first shard, the gap between one shard's end and the next one's start), and
// the run time at 1,000 and 10,000 sites with two workers (linear growth: ratio near 1).
import { fileURLToPath } from "node:url";
import { loadEnv } from "../src/config/env.ts";
import { getSweep, loadSweeps } from "../src/sweeps/config.ts";
import { startRun } from "../src/sweeps/start.ts";
import { loadRulePacks } from "../src/signals/index.ts";
import {
  createScaleWorld,
  type Proc,
  scaleSweepsYaml,
  startProc,
  stopProc,
} from "../test/helpers/scale-world.ts";
import { startFixtureWeb } from "../test/helpers/site-server.ts";
import { pgUnavailable } from "../test/helpers/temp-db.ts";

const shardSites = Number(process.env.BENCH_SHARD_SITES ?? 200);
const small = Number(process.env.BENCH_SCALE_SMALL ?? 1000);
const large = Number(process.env.BENCH_SCALE_LARGE ?? 10_000);

type Measured = {
  secs: number;
  pages: number;
  shards: number;
  publishMsPerShard: number;
  firstTakeMs: number;
  gapMsPerShard: number;
};

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: () => string,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sweepWithWorkers(sites: number, workers: number, hostMap: string): Promise<Measured> {
  const world = await createScaleWorld({
    provider: "postgresql",
    sites,
    hostMap,
    sweepsYaml: scaleSweepsYaml({ shardSites }),
    extraEnv: { REDSHIELD_LOG_LEVEL: "warn" },
  });
  const procs: Proc[] = [];
  try {
    for (let i = 0; i < workers; i++) procs.push(startProc(["worker"], world.env));
    for (const p of procs)
      await waitFor(
        async () => /taking shards/.test(p.output()),
        180_000,
        () => `worker start: ${p.output()}`,
      );
    const env = loadEnv(world.env);
    const { startQueueRuntime } = await import("../src/queue/runtime.ts");
    const runtime = await startQueueRuntime(world.db, env, "bench");
    const def = getSweep(loadSweeps(env.configDir), "entities");
    const { run } = await startRun(world.db.prisma, {
      def,
      trigger: "manual",
      rulesHash: loadRulePacks(`${env.configDir}/rules`).hash,
      configDir: env.configDir,
    });
    const t0 = Date.now();
    const published = await runtime.dispatch(run.id);
    const publishMs = Date.now() - t0;
    const done = await waitFor(
      async () => {
        const r = await world.db.prisma.sweepRun.findUnique({ where: { id: run.id } });
        return r?.status === "completed" || r?.status === "failed" ? r : null;
      },
      1_800_000,
      () => "the run to end",
    );
    const secs = (done.endedAt!.getTime() - t0) / 1000;
    await runtime.stop();
    const shards = await world.db.prisma.sweepShard.findMany({
      where: { runId: run.id },
      select: { worker: true, startedAt: true, endedAt: true },
    });
    const firstTakeMs = Math.min(...shards.map((s) => s.startedAt!.getTime())) - t0;
    let gaps = 0;
    let gapCount = 0;
    const byWorker = new Map<string, typeof shards>();
    for (const s of shards) byWorker.set(s.worker, [...(byWorker.get(s.worker) ?? []), s]);
    for (const list of byWorker.values()) {
      list.sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
      for (let i = 1; i < list.length; i++) {
        gaps += list[i]!.startedAt!.getTime() - list[i - 1]!.endedAt!.getTime();
        gapCount++;
      }
    }
    return {
      secs,
      pages: done.pagesFetched,
      shards: published,
      publishMsPerShard: publishMs / Math.max(1, published),
      firstTakeMs,
      gapMsPerShard: gapCount ? gaps / gapCount : 0,
    };
  } finally {
    await Promise.all(procs.map((p) => stopProc(p, 10_000)));
    await world.close();
  }
}

export async function benchScale(): Promise<Record<string, number | string>> {
  if (pgUnavailable) return { skipped: pgUnavailable };
  const web = await startFixtureWeb({ syntheticSites: large, requestLogLimit: 0 });
  try {
    const one = await sweepWithWorkers(small, 1, web.hostMap);
    const two = await sweepWithWorkers(small, 2, web.hostMap);
    const big = await sweepWithWorkers(large, 2, web.hostMap);
    return {
      "shard size (sites)": shardSites,
      [`1 worker, ${small} sites: pages/s`]: one.pages / one.secs,
      [`2 workers, ${small} sites: pages/s`]: two.pages / two.secs,
      "2 workers vs 1 (x)": two.pages / two.secs / (one.pages / one.secs),
      "queue: publish ms per shard": two.publishMsPerShard,
      "queue: dispatch to first shard taken, ms": two.firstTakeMs,
      "queue: gap between a worker's shards, ms": two.gapMsPerShard,
      [`run time s, ${small} sites (2 workers)`]: two.secs,
      [`run time s, ${large} sites (2 workers)`]: big.secs,
      [`pages/s, ${large} sites (2 workers)`]: big.pages / big.secs,
      "growth: (time ratio) / (site ratio), 1 = linear": big.secs / two.secs / (large / small),
    };
  } finally {
    await web.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [k, v] of Object.entries(await benchScale()))
    console.log(`${k.padEnd(52)} ${typeof v === "number" ? v.toFixed(1) : v}`);
}
