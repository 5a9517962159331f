// Writes the next migration pair for a schema change:
//   npm run db:diff -- NAME
// It diffs prisma/migrations/schema.snapshot.prisma (the schema as of the last migration) with
// prisma/schema.prisma, for SQLite and PostgreSQL, writes NNNN_NAME.sql for each provider and
// updates the snapshot. `prisma migrate dev` does not work offline here (see DESIGN.md).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { derivePgSchema, sourcePath } from "./derive-pg-schema.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- NAME   (NAME: lower-case letters, digits, _)");
  process.exit(2);
}
const migrationsDir = path.join("prisma", "migrations");
const snapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rs-diff-"));

export function diffScript(fromFile, toFile) {
  const from = fromFile ? ["--from-schema-datamodel", fromFile] : ["--from-empty"];
  return execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "diff", ...from, "--to-schema-datamodel", toFile, "--script"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
}

const current = fs.readFileSync(sourcePath, "utf8");
const hasSnapshot = fs.existsSync(snapshotPath);
const variants = {
  sqlite: (text) => text,
  postgresql: (text) => derivePgSchema(text),
};
const existing = fs.existsSync(path.join(migrationsDir, "sqlite"))
  ? fs.readdirSync(path.join(migrationsDir, "sqlite")).filter((f) => f.endsWith(".sql"))
  : [];
const number = String(existing.length + 1).padStart(4, "0");
// Compute every provider's script before writing any, so a failure leaves no half-made pair.
const scripts = [];
for (const [provider, derive] of Object.entries(variants)) {
  const to = path.join(tmp, `${provider}-to.prisma`);
  fs.writeFileSync(to, derive(current));
  let from = null;
  if (hasSnapshot) {
    from = path.join(tmp, `${provider}-from.prisma`);
    fs.writeFileSync(from, derive(fs.readFileSync(snapshotPath, "utf8")));
  }
  scripts.push([provider, diffScript(from, to)]);
}
for (const [provider, sql] of scripts) {
  if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
    console.log(`${provider}: no schema change, nothing written`);
    continue;
  }
  const dir = path.join(migrationsDir, provider);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${number}_${name}.sql`);
  fs.writeFileSync(file, sql);
  console.log(`wrote ${file}`);
}
fs.copyFileSync(sourcePath, snapshotPath);
