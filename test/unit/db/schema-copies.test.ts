import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { test } from "node:test";
// @ts-expect-error plain ESM script without types
import { derivePgSchema, pgPath, sourcePath } from "../../../scripts/derive-pg-schema.mjs";

test("the PostgreSQL schema is exactly the derivation of the SQLite source", () => {
  assert.equal(fs.readFileSync(pgPath, "utf8"), derivePgSchema(fs.readFileSync(sourcePath, "utf8")));
});

test("the schema has no change that lacks a migration (snapshot equals source)", () => {
  const out = execFileSync(
    "node_modules/.bin/prisma",
    [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      "prisma/migrations/schema.snapshot.prisma",
      "--to-schema-datamodel",
      sourcePath,
      "--script",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  assert.equal(
    out.replace(/^--.*$/gm, "").trim(),
    "",
    `run npm run db:diff -- NAME; pending changes:\n${out}`,
  );
});
