// Which shards have a live worker, across machines: a worker holds a PostgreSQL session-level
// advisory lock on each shard it crawls, on a connection of its own. The server drops the lock
// the moment that connection ends — the process was killed, its machine died — so any process
// can tell a dead worker's shard from a slow one at once, without waiting for the job to expire.
import pg from "pg";
import { logger } from "../log.ts";

const log = logger("queue");

/** The first key of our advisory locks ("RS" + 1), so they do not collide with other users'. */
const lockSpace = 0x52530001;

export type Liveness = {
  /** Takes the lock of a shard; false when a live worker holds it. */
  hold(shardId: number): Promise<boolean>;
  release(shardId: number): Promise<void>;
  close(): Promise<void>;
};

export async function openLiveness(databaseUrl: string): Promise<Liveness> {
  const held = new Set<number>();
  let client: pg.Client | null = null;
  let closed = false;

  // A connection lost (PostgreSQL restarted) takes its locks with it: reconnect and take them again.
  const connect = async (): Promise<pg.Client> => {
    for (let attempt = 1; ; attempt++) {
      const c = new pg.Client({ connectionString: databaseUrl, application_name: "redshield-liveness" });
      c.on("error", (error) => {
        log.warn("liveness connection lost", { error: error.message });
        if (client === c) client = null;
      });
      try {
        await c.connect();
        for (const id of held) await c.query("SELECT pg_advisory_lock($1, $2)", [lockSpace, id]);
        return c;
      } catch (error) {
        await c.end().catch(() => {});
        if (closed || attempt >= 30) throw error;
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)));
      }
    }
  };
  const session = async () => {
    client ??= await connect();
    return client;
  };

  return {
    async hold(shardId) {
      if (held.has(shardId)) return false; // this process already crawls it: a duplicate delivery
      const c = await session();
      const r = await c.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS got", [
        lockSpace,
        shardId,
      ]);
      if (r.rows[0]?.got) held.add(shardId);
      return Boolean(r.rows[0]?.got);
    },
    async release(shardId) {
      held.delete(shardId);
      await client?.query("SELECT pg_advisory_unlock($1, $2)", [lockSpace, shardId]).catch(() => {});
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}

/** True when no live session holds the shard's lock: its worker is gone. Uses a fresh session. */
export async function ownerIsGone(pool: pg.Pool, shardId: number): Promise<boolean> {
  const c = await pool.connect();
  try {
    const r = await c.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS got", [
      lockSpace,
      shardId,
    ]);
    if (!r.rows[0]?.got) return false;
    await c.query("SELECT pg_advisory_unlock($1, $2)", [lockSpace, shardId]);
    return true;
  } finally {
    c.release();
  }
}
