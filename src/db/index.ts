export { type Db, openDb, type Prisma, type Provider, sqlitePath } from "./client.ts";
export { migrationsRoot, pendingMigrations, readMigrations } from "./migrate.ts";
