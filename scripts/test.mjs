// The test command (`npm test`): type check, lint, then every test/**/*.test.ts with Node's own
// test runner (through tsx), against a real SQLite file and the real PostgreSQL.
// Extra arguments are test files or folders to run instead of all of them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function run(cmd, args, label) {
  process.stdout.write(`\n== ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    process.stdout.write(`\n${label} failed (exit ${r.status})\n`);
    process.exit(r.status || 1);
  }
}

function collect(target, out) {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target).sort()) {
      if (entry === "fixtures" || entry === "node_modules") continue;
      collect(path.join(target, entry), out);
    }
  } else if (/\.test\.ts$/.test(target)) out.push(target);
  return out;
}

const targets = process.argv.slice(2);
const quick = targets.length > 0;
if (!quick) {
  run("node_modules/.bin/tsc", ["--noEmit"], "type check (tsc)");
  run("node_modules/.bin/biome", ["check", "."], "lint and format (biome)");
}
const files = (quick ? targets : ["test"]).flatMap((t) => collect(t, []));
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
run(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    "--test-concurrency=2",
    "--test-timeout=600000",
    ...files,
  ],
  `tests (${files.length} files)`,
);
