// `redshield serve`: the web server (public verification pages now; the review UI later) and
// the sweep scheduler and runner. Runs until SIGINT or SIGTERM, then closes the server and
// the database and exits 0. A port that is taken ends it with exit code 5 and a clear message.
import type { Command } from "commander";
import type { Env } from "../config/env.ts";
import type { Db } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { logger } from "../log.ts";
import { action, withDb } from "./run.ts";

type ServeOptions = { port: string; host: string; scheduler: boolean; worker: boolean };
type StopFn = () => Promise<void>;

const log = logger("cli");

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new InputError(`--port: "${text}" is not a port number (0-65535)`, `--port：“${text}”不是有效端口`);
  }
  return port;
}

/**
 * The sweep service: the schedule (unless --no-scheduler) and the crawling. On the embedded
 * database an in-process runner crawls queued runs, including runs queued by `redshield sweep
 * run` and runs interrupted by a crash. On PostgreSQL runs go onto the shard queue for
 * `redshield worker` processes (and a worker inside serve with --worker).
 * Returns its stop function: shutdown calls it before the database closes.
 */
async function startSweeps(deps: { db: Db; env: Env }, opts: ServeOptions): Promise<StopFn> {
  const { loadWorkerDeps } = await import("../worker/deps.ts");
  const { startSweepService } = await import("../sweeps/service.ts");
  const worker = loadWorkerDeps(deps.db, deps.env);
  const scheduleDeps = { sweeps: worker.sweeps, rulesHash: worker.packs.hash, configDir: deps.env.configDir };
  if (deps.db.provider === "postgresql") {
    const { startQueuedSweepService } = await import("../queue/service.ts");
    const service = await startQueuedSweepService(deps.db, deps.env, scheduleDeps, {
      schedule: opts.scheduler,
      worker: opts.worker,
    });
    log.info("sweeps go to the shard queue", {
      schedule: opts.scheduler,
      crawlingHere: opts.worker,
      hint: opts.worker ? "" : "start `redshield worker` processes to crawl",
    });
    return async () => {
      await service.stop();
      await worker.close();
    };
  }
  const { runShard } = await import("../worker/run-shard.ts");
  const service = startSweepService(deps.db, scheduleDeps, (job) => runShard(worker, job), {
    schedule: opts.scheduler,
  });
  log.info(opts.scheduler ? "sweep scheduler and runner started" : "sweep runner started (no schedule)");
  return async () => {
    await service.stop();
    await worker.close();
  };
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("start the web server (verification pages) and the sweep scheduler")
    .option("--port <n>", "port to listen on (0: any free port)", "8080")
    .option("--host <h>", "address to listen on", "127.0.0.1")
    .option("--no-scheduler", "do not run the sweep scheduler in this process")
    .option("--worker", "PostgreSQL mode: also crawl shards from the queue in this process", false)
    .action(
      action(async (opts: ServeOptions) => {
        const port = parsePort(opts.port);
        // Imported here, not at the top: every other command would pay for loading the web stack.
        const { buildApp } = await import("../review/app.ts");
        const { listen, shutdownSignal } = await import("../review/server.ts");
        return withDb(async (db, env) => {
          const stopRequested = shutdownSignal(); // before listening, so an early SIGTERM is not lost
          const app = await buildApp({ db, env });
          const url = await listen(app, { host: opts.host, port });
          process.stdout.write(`redshield serve: listening on ${url}\n`);
          process.stdout.write(`电子标识核验页面 (verification pages): ${env.publicUrl}/verify/{编号}\n`);
          process.stdout.write(
            `审查工作台 (review UI): ${url}/ — sign in with an account from \`redshield users add\`\n`,
          );
          const stopScheduler = await startSweeps({ db, env }, opts);
          const signal = await stopRequested;
          log.info("shutting down", { signal });
          await stopScheduler();
          await app.close();
        });
      }),
    );
}
