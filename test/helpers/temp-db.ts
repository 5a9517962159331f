// A real database per test suite: a fresh SQLite file in a temp dir, or a fresh PostgreSQL
// database on the server at REDSHIELD_TEST_PG_URL (default 127.0.0.1:5432, user postgres).
// `eachProvider` runs the same suite against both. In CI a missing PostgreSQL fails the run;
// elsewhere the PostgreSQL half is skipped with a plain message.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe } from "node:test";
import pg from "pg";
import { type Db, openDb, type Provider } from "../../src/db/index.ts";

export const pgAdminUrl = process.env.REDSHIELD_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

// A loaded machine can be slow to accept a connection: try a few times before calling it absent.
async function probePostgres(): Promise<string | null> {
  let last = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.end();
      return null;
    } catch (error) {
      last = (error as Error).message;
      await client.end().catch(() => {});
    }
  }
  return `PostgreSQL not reachable at ${pgAdminUrl}: ${last}`;
}

export const pgUnavailable = await probePostgres();
if (pgUnavailable && process.env.CI) {
  throw new Error(`${pgUnavailable} (CI requires PostgreSQL; the scaled-out provider must be tested)`);
}

export function tempDir(prefix = "rs-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type TempDb = { url: string; provider: Provider; dataDir: string; drop(): Promise<void> };

export async function createTempDb(provider: Provider): Promise<TempDb> {
  const dataDir = tempDir();
  if (provider === "sqlite") {
    return {
      url: `file:${path.join(dataDir, "redshield.db")}`,
      provider,
      dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `rs_t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    provider,
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ProviderSuite = { provider: Provider; temp: () => TempDb; db: () => Db };

/**
 * Declares `describe(`${name} [sqlite]`)` and `describe(`${name} [postgresql]`)`, each with a fresh
 * database opened (migrated) before its tests and dropped after them.
 */
export function eachProvider(name: string, body: (suite: ProviderSuite) => void): void {
  for (const provider of ["sqlite", "postgresql"] as const) {
    const skip = provider === "postgresql" && pgUnavailable ? pgUnavailable : false;
    describe(`${name} [${provider}]`, { skip }, () => {
      let temp: TempDb | undefined;
      let db: Db | undefined;
      before(async () => {
        temp = await createTempDb(provider);
        db = await openDb(temp.url);
      });
      after(async () => {
        await db?.close();
        await temp?.drop();
      });
      body({
        provider,
        temp: () => temp!,
        db: () => db!,
      });
    });
  }
}
