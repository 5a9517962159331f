// Opens the database named by DATABASE_URL: the embedded SQLite file by default, PostgreSQL for a
// postgres URL. Migrations are applied first. The two generated clients have the same API; the
// SQLite client's type stands for both.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { providerOf } from "../config/env.ts";
import { PrismaClient } from "./generated/sqlite/client.ts";
import { logApplied, migratePostgres, migrateSqlite } from "./migrate.ts";

export type Prisma = PrismaClient;
export type Provider = "sqlite" | "postgresql";

export type Db = {
  prisma: PrismaClient;
  provider: Provider;
  url: string;
  close(): Promise<void>;
};

export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/i, "").replace(/\?.*$/, ""));
}

export async function openDb(url: string): Promise<Db> {
  const provider = providerOf(url);
  let prisma: PrismaClient;
  if (provider === "sqlite") {
    const file = sqlitePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    logApplied(migrateSqlite(file));
    prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 10_000 }) });
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  } else {
    logApplied(await migratePostgres(url));
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const generated = await import("./generated/postgresql/client.ts");
    const adapter = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
    prisma = new generated.PrismaClient({ adapter }) as unknown as PrismaClient;
  }
  return {
    prisma,
    provider,
    url,
    close: () => prisma.$disconnect(),
  };
}
