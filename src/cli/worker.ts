// `redshield worker`: a crawling process of PostgreSQL mode. Takes shards from the queue until
// SIGINT or SIGTERM, then finishes the shards in hand and exits 0. Any number of workers may run,
// on any machine that reaches the database and the shared evidence directory.
import os from "node:os";
import type { Command } from "commander";
import { ConfigError, InputError } from "../errors.ts";
import { logger } from "../log.ts";
import { action, withDb } from "./run.ts";

const log = logger("cli");

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("crawl shards from the queue (PostgreSQL mode); stops on SIGINT/SIGTERM")
    .option("--concurrency <n>", "shards crawled at once by this process", "1")
    .action(
      action(async (opts: { concurrency: string }) => {
        const concurrency = Number(opts.concurrency);
        if (!/^\d+$/.test(opts.concurrency) || concurrency < 1 || concurrency > 16)
          throw new InputError(`--concurrency: "${opts.concurrency}" is not a number from 1 to 16`);
        const { shutdownSignal } = await import("../review/server.ts");
        return withDb(async (db, env) => {
          if (db.provider !== "postgresql")
            throw new ConfigError(
              "redshield worker needs PostgreSQL (DATABASE_URL=postgresql://…); on the embedded SQLite database `redshield serve` crawls in its own process",
              "worker 需要 PostgreSQL 数据库；嵌入式 SQLite 模式下由 serve 进程自行巡查",
            );
          const stopRequested = shutdownSignal();
          const { startQueueRuntime } = await import("../queue/runtime.ts");
          const { evidenceDir } = await import("../worker/deps.ts");
          const runtime = await startQueueRuntime(db, env, "worker", { concurrency });
          process.stdout.write(
            `redshield worker ${os.hostname()}:${process.pid}: taking shards (concurrency ${concurrency}); evidence in ${evidenceDir(env)}\n`,
          );
          const signal = await stopRequested;
          log.info("worker stopping: finishing the shards in hand", { signal });
          await runtime.stop();
        });
      }),
    );
}
