// Prisma CLI configuration. The JS engine plus a driver adapter is what lets
// `prisma generate` and `prisma migrate diff` run offline (no engine download).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: "file::memory:" });
  },
});
