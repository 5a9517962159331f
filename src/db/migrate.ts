// Applies prisma/migrations/<provider>/NNNN_name.sql at start-up and records each in
// _redshield_migrations. `prisma migrate deploy` cannot be used here (no engine download, and it
// fails on PostgreSQL), so the app applies the SQL that `prisma migrate diff` wrote.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { DatabaseError } from "../errors.ts";
import { logger } from "../log.ts";

const log = logger("db");
export const migrationsRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../prisma/migrations",
);

export type Migration = { name: string; sql: string; checksum: string };
type Applied = { name: string; checksum: string };

export function readMigrations(provider: "sqlite" | "postgresql"): Migration[] {
  const dir = path.join(migrationsRoot, provider);
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), "utf8");
      return {
        name: file.replace(/\.sql$/, ""),
        sql,
        checksum: crypto.createHash("sha256").update(sql).digest("hex"),
      };
    });
}

/** Decides what to apply; refuses a database that is newer than the code or was migrated differently. */
export function pendingMigrations(known: Migration[], applied: Applied[]): Migration[] {
  const byName = new Map(known.map((m) => [m.name, m]));
  for (const a of applied) {
    const m = byName.get(a.name);
    if (!m) {
      throw new DatabaseError(
        `the database has migration ${a.name}, which this version of redshield does not know: the database is newer than the code; upgrade redshield`,
        `数据库版本（含迁移 ${a.name}）比本程序新，请升级 redshield`,
      );
    }
    if (m.checksum !== a.checksum) {
      throw new DatabaseError(
        `migration ${a.name} was changed after it was applied (checksum differs); migrations must never be edited`,
        `迁移 ${a.name} 在应用后被修改，拒绝启动`,
      );
    }
  }
  const done = new Set(applied.map((a) => a.name));
  return known.filter((m) => !done.has(m.name));
}

const ledgerDdl = `CREATE TABLE IF NOT EXISTS "_redshield_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`;

export function migrateSqlite(file: string): string[] {
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(ledgerDdl);
    const names: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once apply each migration once.
    const run = db.transaction(() => {
      const applied = db.prepare(`SELECT name, checksum FROM "_redshield_migrations"`).all() as Applied[];
      for (const m of pendingMigrations(readMigrations("sqlite"), applied)) {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_redshield_migrations" VALUES (?, ?, ?)`).run(
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
        names.push(m.name);
      }
    });
    run.immediate();
    return names;
  } finally {
    db.close();
  }
}

const lockKey = 0x7265_6473; // "reds": one advisory lock for schema changes

export async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseError(
      `cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`,
      "无法连接 PostgreSQL 数据库",
      {
        retryable: true,
        cause: error,
      },
    );
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [lockKey]);
    await client.query(ledgerDdl);
    const applied = (await client.query<Applied>(`SELECT name, checksum FROM "_redshield_migrations"`)).rows;
    const names: string[] = [];
    for (const m of pendingMigrations(readMigrations("postgresql"), applied)) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_redshield_migrations" VALUES ($1, $2, $3)`, [
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new DatabaseError(
          `migration ${m.name} failed: ${(error as Error).message}`,
          `数据库迁移 ${m.name} 失败`,
          { cause: error },
        );
      }
      names.push(m.name);
    }
    return names;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [lockKey]).catch(() => {});
    await client.end();
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

export function logApplied(names: string[]): void {
  if (names.length > 0) log.info("applied migrations", { migrations: names });
}
