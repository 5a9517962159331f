// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma (the SQLite source of truth).
// Prisma cannot take the provider from the environment and a client generated for one provider
// refuses the other's adapter, so PostgreSQL gets its own schema copy and client.
// test/unit/db/schema-copies.test.ts checks that the committed copy matches this derivation.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const sourcePath = path.join(root, "prisma", "schema.prisma");
export const pgPath = path.join(root, "prisma", "postgresql", "schema.prisma");

export function derivePgSchema(source) {
  const replacements = [
    [/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'],
    [/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/unused"'],
    [/output\s*=\s*"\.\.\/src\/db\/generated\/sqlite"/, 'output       = "../../src/db/generated/postgresql"'],
  ];
  let out = source;
  for (const [from, to] of replacements) {
    if (!from.test(out)) throw new Error(`prisma/schema.prisma: expected line not found: ${from}`);
    out = out.replace(from, to);
  }
  return `// GENERATED from prisma/schema.prisma by scripts/derive-pg-schema.mjs. Do not edit.\n${out}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(pgPath), { recursive: true });
  fs.writeFileSync(pgPath, derivePgSchema(fs.readFileSync(sourcePath, "utf8")));
}
