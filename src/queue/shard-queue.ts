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
  /** The state of each of these jobs that is still in the queue's job table (archived ones are not). */
  states(jobIds: string[]): Promise<Map<string, JobState>>;
  /** Of these jobs, the ones taken by a worker (active) at least `seconds` ago, by the database's clock. */
  activeSince(jobIds: string[], seconds: number): Promise<string[]>;
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
  await boss.start(); // not retried: a pg-boss instance whose start failed cannot start again
  await withRetry("create the shard queue", () =>
    boss.createQueue(shardQueueName, { name: shardQueueName, policy: "standard" }),
  );
  const stopping = new AbortController();
  const loops: Promise<void>[] = [];
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
      for (let i = 0; i < concurrency; i++) loops.push(takeJobs(boss, handler, stopping.signal));
    },
    async failLost(jobId, reason) {
      await boss.fail(shardQueueName, jobId, { message: reason });
    },
    async state(jobId) {
      const job = await boss.getJobById<ShardMessage>(shardQueueName, jobId, { includeArchive: true });
      return job ? job.state : null;
    },
    async states(jobIds) {
      if (jobIds.length === 0) return new Map();
      const { rows } = await boss
        .getDb()
        .executeSql("SELECT id, state FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[])", [
          shardQueueName,
          jobIds,
        ]);
      return new Map(rows.map((r: { id: string; state: JobState }) => [r.id, r.state]));
    },
    async activeSince(jobIds, seconds) {
      if (jobIds.length === 0) return [];
      const { rows } = await boss
        .getDb()
        .executeSql(
          "SELECT id FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active' AND started_on < now() - $3 * interval '1 second'",
          [shardQueueName, jobIds, seconds],
        );
      return rows.map((r: { id: string }) => r.id);
    },
    async stop(timeoutMs = 30_000) {
      stopping.abort();
      const gaveUp = new AbortController();
      await Promise.race([Promise.all(loops), sleep(timeoutMs, gaveUp.signal)]);
      gaveUp.abort(); // no timer left to hold the process open
      await boss.stop({ graceful: false, wait: true, timeout: 5000 });
    },
  };
}

/**
 * One worker slot: fetch a job, run it, record the outcome — our own loop rather than pg-boss's
 * work(), because that one records outcomes without waiting for them, so a database that is down
 * at that moment kills the process with an unhandled rejection. Here every queue call is retried
 * with back-off until PostgreSQL is back, and the next job is fetched as soon as one ends.
 */
async function takeJobs(
  boss: PgBoss,
  handler: (job: ShardJobInfo) => Promise<void>,
  stop: AbortSignal,
): Promise<void> {
  while (!stop.aborted) {
    let job: PgBoss.JobWithMetadata<ShardMessage> | undefined;
    try {
      [job] = await boss.fetch<ShardMessage>(shardQueueName, { batchSize: 1, includeMetadata: true });
    } catch (error) {
      log.warn("cannot fetch shard jobs; retrying", { error: (error as Error).message });
      await sleep(2000, stop);
      continue;
    }
    if (!job) {
      await sleep(pollMillis, stop);
      continue;
    }
    let failure: Error | null = null;
    try {
      await handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
    } catch (error) {
      failure = error as Error;
    }
    const id = job.id;
    await persist(
      () =>
        failure
          ? boss.fail(shardQueueName, id, { message: failure.message })
          : boss.complete(shardQueueName, id),
      failure ? "fail" : "complete",
    );
  }
}

const pollMillis = 500;

/** Retries a queue write with back-off for a few minutes; after that the job's expiry takes over. */
async function persist(write: () => Promise<unknown>, what: string): Promise<void> {
  for (let attempt = 1; attempt <= 60; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt === 1)
        log.warn(`cannot ${what} a shard job yet; retrying`, { error: (error as Error).message });
      await sleep(Math.min(5000, 250 * attempt));
    }
  }
  log.error(`gave up trying to ${what} a shard job; it is retried when it expires`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Several processes may start at once on a fresh database. pg-boss serialises its own schema
 * migration (an advisory lock), but creating the queue's table can still race: PostgreSQL then
 * reports a deadlock to one process. Creating a queue is idempotent, so the loser tries again.
 */
async function withRetry(what: string, step: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      if (attempt >= 8) throw error;
      log.warn(`could not ${what}; retrying`, { attempt, error: (error as Error).message });
      await sleep(200 * attempt + Math.floor(Math.random() * 300));
    }
  }
}
