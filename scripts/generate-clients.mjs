// Generates both Prisma clients (SQLite and PostgreSQL) offline. Runs at `npm install`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { derivePgSchema, pgPath, sourcePath } from "./derive-pg-schema.mjs";

fs.mkdirSync(path.dirname(pgPath), { recursive: true });
fs.writeFileSync(pgPath, derivePgSchema(fs.readFileSync(sourcePath, "utf8")));
const prisma = path.join("node_modules", ".bin", "prisma");
for (const schema of [sourcePath, pgPath]) {
  execFileSync(prisma, ["generate", "--schema", schema], { stdio: ["ignore", "ignore", "inherit"] });
}
console.log("redshield: generated Prisma clients for sqlite and postgresql");
