// The shard queue's pieces on the real PostgreSQL, without crawling: dispatch is idempotent,
// a shard whose worker's liveness lock vanished is failed back to pg-boss and released, a
// repeated delivery of a finished shard does nothing, and the worker command refuses SQLite.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { loadEnv } from "../../src/config/env.ts";
import { type Db, openDb } from "../../src/db/index.ts";
import { dispatchRun, retryFailedShards } from "../../src/queue/dispatch.ts";
import { openLiveness } from "../../src/queue/liveness.ts";
import { reconcileOnce } from "../../src/queue/reconcile.ts";
import { openShardQueue, type ShardQueue } from "../../src/queue/shard-queue.ts";
import { shardJobHandler } from "../../src/queue/worker.ts";
import { createRun } from "../../src/sweeps/runs.ts";
import { emptyStats } from "../../src/sweeps/stats.ts";
import { runRedshield } from "../cli/spawn-redshield.ts";
import { createTempDb, pgUnavailable, type TempDb } from "../helpers/temp-db.ts";

async function newRun(db: Db, key: string, shards: number) {
  const targets = Array.from({ length: shards }, (_, i) => [{ url: `http://s${i}.example.cn/` }]);
  const { run } = await createRun(
    db.prisma,
    {
      sweep: "entities",
      runKey: key,
      trigger: "manual",
      configHash: "c",
      rulesHash: "r",
      obeyRobots: true,
      options: {},
    },
    targets,
    null,
  );
  return run;
}

async function jobCount(db: Db, runId: number): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
    "SELECT count(*) AS n FROM pgboss.job WHERE name = 'redshield-shards' AND (data->>'runId')::int = $1",
    runId,
  );
  return Number(rows[0]!.n);
}

describe("shard queue on PostgreSQL", { skip: pgUnavailable ?? false }, () => {
  let temp: TempDb;
  let db: Db;
  let queue: ShardQueue;
  let probe: pg.Pool;

  before(async () => {
    temp = await createTempDb("postgresql");
    db = await openDb(temp.url);
    queue = await openShardQueue(loadEnv({ DATABASE_URL: temp.url, REDSHIELD_SHARD_RETRIES: "2" }), "test");
    probe = new pg.Pool({ connectionString: temp.url, max: 1 });
  });
  after(async () => {
    await probe.end();
    await queue.stop(1000);
    await db.close();
    await temp.drop();
  });

  test("dispatching a run twice makes one job per shard", async () => {
    const run = await newRun(db, "dispatch-twice", 3);
    assert.equal(await dispatchRun(db.prisma, queue, run.id), 3);
    assert.equal(await dispatchRun(db.prisma, queue, run.id), 0, "nothing published twice");
    assert.equal(await jobCount(db, run.id), 3);
    const ids = await db.prisma.sweepShard.findMany({ where: { runId: run.id }, select: { jobId: true } });
    assert.equal(new Set(ids.map((s) => s.jobId)).size, 3);
  });

  test("a pending shard whose job ended (bookkeeping cut short) gets a new job", async () => {
    const run = await newRun(db, "ended-job", 1);
    await dispatchRun(db.prisma, queue, run.id);
    const before = await db.prisma.sweepShard.findFirstOrThrow({ where: { runId: run.id } });
    await db.prisma.$executeRawUnsafe(
      "UPDATE pgboss.job SET state = 'completed' WHERE id = $1::uuid",
      before.jobId,
    );
    assert.equal(await dispatchRun(db.prisma, queue, run.id), 1);
    const after = await db.prisma.sweepShard.findFirstOrThrow({ where: { runId: run.id } });
    assert.notEqual(after.jobId, before.jobId);
    assert.equal(await queue.state(after.jobId), "created");
    assert.equal(await dispatchRun(db.prisma, queue, run.id), 0);
  });

  test("a shard whose worker is gone is failed back to pg-boss, released, and taken again", async () => {
    const run = await newRun(db, "lost-worker", 1);
    await dispatchRun(db.prisma, queue, run.id);
    const shard = await db.prisma.sweepShard.findFirstOrThrow({ where: { runId: run.id } });

    // A "worker" in another session takes the job and the shard's lock, starts, then dies.
    const seen: string[] = [];
    const dying = await openLiveness(temp.url);
    const handler = shardJobHandler(db.prisma, dying, async () => {
      await dying.close(); // the connection ends: the lock is gone, as when the process is killed
      seen.push("crawled once");
      return new Promise<never>(() => {}); // and never returns
    });
    let job = null;
    for (let i = 0; i < 40 && !job; i++) {
      job = await fetchOne(temp.url, run.id);
      if (!job) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(job, "the job was fetched");
    void handler(job);
    await waitUntil(
      async () =>
        (await db.prisma.sweepShard.findUniqueOrThrow({ where: { id: shard.id } })).status === "running",
    );
    await waitUntil(async () => seen.length === 1);

    const report = await reconcileOnce(db.prisma, queue, probe);
    assert.equal(report.lost, 1);
    assert.equal(await queue.state(shard.jobId || (await jobIdOf(db, shard.id))), "retry");
    const after = await db.prisma.sweepShard.findUniqueOrThrow({ where: { id: shard.id } });
    assert.equal(after.status, "pending");
    assert.match(after.error, /worker lost/);

    // A live worker takes the retried job and finishes the shard.
    const live = await openLiveness(temp.url);
    const crawled: number[] = [];
    await queue.work(
      1,
      shardJobHandler(db.prisma, live, async (j) => {
        crawled.push(j.shardId);
        return emptyStats();
      }),
    );
    await waitUntil(
      async () =>
        (await db.prisma.sweepShard.findUniqueOrThrow({ where: { id: shard.id } })).status === "done",
      30_000,
    );
    // (Shards of the first test's run, whose jobs were failed above, may be taken too.)
    assert.equal(crawled.filter((id) => id === shard.id).length, 1);
    const done = await db.prisma.sweepShard.findUniqueOrThrow({ where: { id: shard.id } });
    assert.equal(done.attempts, 2);
    // The worker closes the run right after recording its last shard.
    await waitUntil(
      async () =>
        (await db.prisma.sweepRun.findUniqueOrThrow({ where: { id: run.id } })).status === "completed",
    );
    await live.close();
  });

  test("a finished shard delivered again is not crawled again", async () => {
    const run = await newRun(db, "redelivered", 1);
    const shard = await db.prisma.sweepShard.findFirstOrThrow({ where: { runId: run.id } });
    await db.prisma.sweepShard.update({ where: { id: shard.id }, data: { status: "done" } });
    const live = await openLiveness(temp.url);
    let crawled = 0;
    const handle = shardJobHandler(db.prisma, live, async () => {
      crawled++;
      return emptyStats();
    });
    await handle({
      id: "00000000-0000-4000-8000-000000000001",
      data: { runId: run.id, shardId: shard.id },
      retryCount: 0,
      retryLimit: 2,
    });
    assert.equal(crawled, 0);
    await live.close();
  });

  test("sweep resume gives failed shards new jobs", async () => {
    const run = await newRun(db, "resume-failed", 2);
    await dispatchRun(db.prisma, queue, run.id);
    const [a] = await db.prisma.sweepShard.findMany({ where: { runId: run.id }, orderBy: { seq: "asc" } });
    await db.prisma.sweepShard.update({ where: { id: a!.id }, data: { status: "failed", error: "boom" } });
    assert.equal(await retryFailedShards(db.prisma, run.id), 1);
    const again = await db.prisma.sweepShard.findUniqueOrThrow({ where: { id: a!.id } });
    assert.equal(again.status, "pending");
    assert.equal(again.jobId, "");
    await dispatchRun(db.prisma, queue, run.id);
    const renewed = await db.prisma.sweepShard.findUniqueOrThrow({ where: { id: a!.id } });
    assert.notEqual(renewed.jobId, a!.jobId);
    assert.equal(await jobCount(db, run.id), 3);
  });
});

test("six processes opening the queue at once on a fresh database all succeed", {
  skip: pgUnavailable ?? false,
}, async () => {
  // Creating the queue's table races between processes (PostgreSQL reports a deadlock to one);
  // seen in CI when two schedulers and two workers started together.
  const temp = await createTempDb("postgresql");
  try {
    const env = loadEnv({ DATABASE_URL: temp.url });
    const opened = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => openShardQueue(env, `t${i}`)),
    );
    await Promise.all(opened.map((r) => (r.status === "fulfilled" ? r.value.stop(100) : null)));
    assert.deepEqual(
      opened.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)),
      [],
    );
  } finally {
    await temp.drop();
  }
});

test("redshield worker refuses the embedded SQLite database with a clear message", async () => {
  const temp = await createTempDb("sqlite");
  try {
    const r = await runRedshield(["worker"], {
      ...process.env,
      DATABASE_URL: temp.url,
      REDSHIELD_DATA_DIR: temp.dataDir,
    });
    assert.equal(r.code, 5);
    assert.match(r.stderr, /worker needs PostgreSQL/);
  } finally {
    await temp.drop();
  }
});

/** Takes one job of the run straight from pg-boss in a separate instance, as another worker would. */
async function fetchOne(url: string, runId: number) {
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false, migrate: false });
  await boss.start();
  try {
    const jobs = await boss.fetch<{ runId: number; shardId: number }>("redshield-shards", {
      batchSize: 10,
      includeMetadata: true,
    });
    const mine = jobs.find((j) => j.data.runId === runId);
    for (const j of jobs) if (j !== mine) await boss.fail("redshield-shards", j.id);
    return mine
      ? { id: mine.id, data: mine.data, retryCount: mine.retryCount, retryLimit: mine.retryLimit }
      : null;
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

async function jobIdOf(db: Db, shardId: number): Promise<string> {
  return (await db.prisma.sweepShard.findUniqueOrThrow({ where: { id: shardId } })).jobId;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
