// `redshield sweep run|list|status|resume`: start a sweep now, list sweeps and runs, show a run's
// figures, resume an interrupted run.
import type { Command } from "commander";
import type { Db } from "../db/index.ts";
import { InputError, NotFoundError } from "../errors.ts";
import { getSweep, loadSweeps } from "../sweeps/config.ts";
import { driveRun } from "../sweeps/execute.ts";
import { getRun, listRuns, reopenInterrupted, type RunView, shardOverview } from "../sweeps/runs.ts";
import { startRun } from "../sweeps/start.ts";
import { loadWorkerDeps } from "../worker/deps.ts";
import { progressLine } from "./progress.ts";
import { action, withDb } from "./run.ts";
import type { Env } from "../config/env.ts";

export function registerSweep(program: Command): void {
  const sweep = program.command("sweep").description("巡查任务：运行、列表、状态、续跑");

  sweep
    .command("run NAME")
    .description("start a sweep now (with --wait: crawl it in this process and wait)")
    .option("--seed <url...>", "extra seed URLs (discover / special sweeps)", [])
    .option("--wait", "run the sweep in this process and wait until it ends", false)
    .action(
      action(async (name: string, opts: { seed: string[]; wait: boolean }) =>
        withDb(async (db, env) => {
          const deps = loadWorkerDeps(db, env);
          const def = getSweep(deps.sweeps, name);
          for (const s of opts.seed)
            if (!/^https?:\/\/\S+$/.test(s)) throw new InputError(`--seed "${s}" is not an http(s) URL`);
          const { run } = await startRun(db.prisma, {
            def,
            trigger: "manual",
            extraSeeds: opts.seed,
            rulesHash: deps.packs.hash,
            configDir: env.configDir,
          });
          process.stdout.write(`run ${run.id} of sweep ${name}: ${run.shardsTotal} shards queued\n`);
          if (!opts.wait) {
            if (db.provider === "postgresql") {
              const { startQueueRuntime } = await import("../queue/runtime.ts");
              const runtime = await startQueueRuntime(db, env, "cli");
              await runtime.dispatch(run.id);
              await runtime.stop();
            }
            process.stdout.write(
              db.provider === "postgresql"
                ? "queued: `redshield worker` processes crawl it; add --wait to crawl here too and wait\n"
                : "queued: `redshield serve` runs queued sweeps; add --wait to run it here now\n",
            );
            process.stdout.write(`${run.id}\n`);
            return 0;
          }
          const final = await drive(db, env, run.id);
          process.stdout.write(`${summary(final)}\n${run.id}\n`);
          return final.status === "completed" ? 0 : 1;
        }),
      ),
    );

  sweep
    .command("resume RUN_ID")
    .description("continue an interrupted run where it stopped")
    .action(
      action(async (id: string) =>
        withDb(async (db, env) => {
          const run = await requireRun(db, id);
          if (run.status === "completed") throw new InputError(`run ${run.id} is already completed`);
          if (db.provider === "postgresql") {
            // Shards of dead workers are found by the reconcile; failed ones get new jobs here.
            const { retryFailedShards } = await import("../queue/dispatch.ts");
            const again = await retryFailedShards(db.prisma, run.id);
            process.stdout.write(
              `run ${run.id}: resuming on the queue (${again} failed shard(s) to crawl again)\n`,
            );
          } else {
            const reopened = await reopenInterrupted(db.prisma, run.id);
            process.stdout.write(
              `run ${run.id}: resuming (${reopened} interrupted shard(s) to crawl again)\n`,
            );
          }
          const final = await drive(db, env, run.id);
          process.stdout.write(`${summary(final)}\n`);
          return final.status === "completed" ? 0 : 1;
        }),
      ),
    );

  sweep
    .command("list")
    .description("configured sweeps and recent runs")
    .action(
      action(async () =>
        withDb(async (db, env) => {
          const config = loadSweeps(env.configDir);
          process.stdout.write("sweeps:\n");
          for (const d of config.sweeps.values()) {
            process.stdout.write(
              `  ${d.name.padEnd(16)} ${d.kind.padEnd(12)} ${(d.schedule ?? "(manual)").padEnd(16)} ${d.description}\n`,
            );
          }
          process.stdout.write("recent runs:\n");
          for (const r of await listRuns(db.prisma, 10)) process.stdout.write(`  ${summary(r)}\n`);
        }),
      ),
    );

  sweep
    .command("status RUN_ID")
    .description("figures and errors of one run")
    .option("--json", "print as JSON", false)
    .action(
      action(async (id: string, opts: { json: boolean }) =>
        withDb(async (db) => {
          const run = await requireRun(db, id);
          const shards = await shardOverview(db.prisma, run.id);
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify({ ...run, stats: JSON.parse(run.stats), options: JSON.parse(run.options), sample: run.sample ? JSON.parse(run.sample) : null, shards }, null, 2)}\n`,
            );
            return;
          }
          process.stdout.write(`${summary(run)}\n${run.stats}\n`);
          const counts = Object.entries(shards.counts).map(([status, n]) => `${status} ${n}`);
          process.stdout.write(`shards: ${counts.join(", ") || "none"}\n`);
          // The shards worth a look: being crawled (and by which process), retried, failed.
          for (const s of shards.notable)
            process.stdout.write(
              `  shard ${s.seq} ${s.status} ${s.worker || "-"} attempts ${s.attempts} pages ${s.pages}${s.error ? ` error: ${s.error.split("\n")[0]}` : ""}\n`,
            );
        }),
      ),
    );
}

/** Crawls the run here and waits for its end; on PostgreSQL as one more queue worker. */
async function drive(db: Db, env: Env, runId: number): Promise<RunView> {
  if (db.provider === "postgresql") return driveOnQueue(db, env, runId);
  const deps = loadWorkerDeps(db, env);
  // Loaded here, not at the top: Crawlee and the crawlers take a while to import and most
  // commands never need them.
  const { runShard } = await import("../worker/run-shard.ts");
  const progress = progressLine();
  const final = await driveRun(
    db.prisma,
    runId,
    (job) => runShard(deps, job),
    (r) => progress.update(summary(r)),
  );
  progress.done();
  return final;
}

/**
 * PostgreSQL mode: publish the run, take shards like any worker (other workers may share the
 * run), and follow the run's figures until it ends.
 */
async function driveOnQueue(db: Db, env: Env, runId: number): Promise<RunView> {
  const { startQueueRuntime } = await import("../queue/runtime.ts");
  const runtime = await startQueueRuntime(db, env, "cli", { concurrency: 1 });
  const progress = progressLine();
  try {
    await runtime.dispatch(runId);
    await runtime.reconcileNow(); // also closes a run that has no shard at all
    for (;;) {
      const run = await getRun(db.prisma, runId);
      if (!run) throw new NotFoundError(`no run ${runId}`, `没有编号为 ${runId} 的巡查运行`);
      progress.update(summary(run));
      if (run.status === "completed" || run.status === "failed") return run;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    progress.done();
    await runtime.stop();
  }
}

async function requireRun(db: Db, id: string): Promise<RunView> {
  if (!/^\d+$/.test(id)) throw new InputError(`RUN_ID must be a number, got "${id}"`);
  const run = await getRun(db.prisma, Number(id));
  if (!run) throw new NotFoundError(`no run ${id}`, `没有编号为 ${id} 的巡查运行`);
  return run;
}

export function summary(r: RunView): string {
  return (
    `#${r.id} ${r.sweep} ${r.status} shards ${r.shardsDone}/${r.shardsTotal} pages ${r.pagesFetched} (failed ${r.pagesFailed}) ` +
    `entities ${r.entitiesChecked} behaviours ${r.behavioursChecked} new-entities ${r.newEntitiesFound} findings new ${r.findingsNew} seen ${r.findingsSeen}`
  );
}
