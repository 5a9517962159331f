// The shard queue of PostgreSQL mode, on pg-boss 10 (its tables live in the `pgboss` schema of the
// same database). A job only says "crawl shard N of run R": the shard row in our own tables stays
// the truth about what is done, so a job delivered twice or retried after a worker died does no
// harm. Job ids are chosen by the dispatcher, so publishing the same shard twice makes one job.
import PgBoss from "pg-boss";
import type { Env } from "../config/env.ts";
import { logger } from "../log.ts";

const log = logger("queue");

export const shardQueueName = "redshield-shards";

export type ShardMessage = { runId: number; shardId: number };
export type ShardJobInfo = { id: string; data: ShardMessage; retryCount: number; retryLimit: number };
export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export type ShardQueue = {
  /** Puts jobs on the queue; a job whose id is already there is left as it is. */
  publish(jobs: { id: string; data: ShardMessage }[]): Promise<void>;
  /** Takes shard jobs, `concurrency` at a time, until stop(). A throw fails the attempt (pg-boss retries it). */
  work(concurrency: number, handler: (job: ShardJobInfo) => Promise<void>): Promise<void>;
  /** Fails the current attempt of a job whose worker died, so pg-boss retries it now. */
  failLost(jobId: string, reason: string): Promise<void>;
  state(jobId: string): Promise<JobState | null>;
  /** Stops taking jobs, waits for the ones in hand (up to timeoutMs), closes the connections. */
  stop(timeoutMs?: number): Promise<void>;
};

export async function openShardQueue(env: Env, role: string): Promise<ShardQueue> {
  const boss = new PgBoss({
    connectionString: env.databaseUrl,
    application_name: `redshield-${role}`,
    max: 4,
    schedule: false, // redshield's own scheduler (node-cron) creates runs
    supervise: true, // expires jobs whose worker vanished without our noticing
    maintenanceIntervalSeconds: Math.max(10, Math.min(120, Math.round(env.queue.shardTimeoutSecs / 4))),
  });
  // pg-boss reports lost connections (a PostgreSQL restart) as events; it reconnects by itself.
  boss.on("error", (error: Error) => log.warn("queue connection problem", { error: error.message }));
  await startWithRetry(boss);
  await boss.createQueue(shardQueueName, { name: shardQueueName, policy: "standard" });
  const jobOptions = {
    retryLimit: env.queue.shardRetries,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: env.queue.shardTimeoutSecs,
  };

  return {
    async publish(jobs) {
      for (let i = 0; i < jobs.length; i += 500) {
        await boss.insert(
          jobs
            .slice(i, i + 500)
            .map((j) => ({ ...jobOptions, id: j.id, name: shardQueueName, data: j.data })),
        );
      }
    },
    async work(concurrency, handler) {
      for (let i = 0; i < concurrency; i++) {
        await boss.work<ShardMessage>(
          shardQueueName,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 },
          async ([job]) => {
            if (!job) return;
            await handler({
              id: job.id,
              data: job.data,
              retryCount: job.retryCount,
              retryLimit: job.retryLimit,
            });
          },
        );
      }
    },
    async failLost(jobId, reason) {
      await boss.fail(shardQueueName, jobId, { message: reason });
    },
    async state(jobId) {
      const job = await boss.getJobById<ShardMessage>(shardQueueName, jobId, { includeArchive: true });
      return job ? job.state : null;
    },
    async stop(timeoutMs = 30_000) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}

/** Several processes may start at once on a fresh database; pg-boss's own migration may then race. */
async function startWithRetry(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.start();
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      log.warn("queue start failed; retrying", { attempt, error: (error as Error).message });
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}
