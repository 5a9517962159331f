// Runs sweeps in-process against the fixture web, as `redshield sweep run --wait` would, with a
// config directory of the test's own (tight timeouts, small shards) and the project's rule packs.
import fs from "node:fs";
import path from "node:path";
import { type Env, loadEnv } from "../../src/config/env.ts";
import type { Db } from "../../src/db/index.ts";
import { getSweep } from "../../src/sweeps/config.ts";
import { driveRun } from "../../src/sweeps/execute.ts";
import type { RunView } from "../../src/sweeps/runs.ts";
import { startRun } from "../../src/sweeps/start.ts";
import { loadWorkerDeps } from "../../src/worker/deps.ts";
import { runShard } from "../../src/worker/run-shard.ts";

export const testSweepsYaml = (screenshots: "findings" | "none") => `sweeps:
  entities:
    kind: entities
    shardSites: 8
    screenshots: ${screenshots}
    mode: auto
    politeness: { perHostDelayMillis: 0 }
    limits: { pageTimeoutSecs: 4 }
  discover:
    kind: discover
    shardSites: 8
    screenshots: ${screenshots}
    mode: auto
    politeness: { perHostDelayMillis: 0 }
    limits: { pageTimeoutSecs: 4, maxDepth: 3, maxBodyBytes: 2000000 }
`;

/** A config dir holding the given sweeps.yaml and a link to the project's rule packs. */
export function testConfigDir(workDir: string, sweepsYaml: string): string {
  const dir = path.join(workDir, "config");
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.resolve("config/rules"), path.join(dir, "rules"));
  fs.writeFileSync(path.join(dir, "sweeps.yaml"), sweepsYaml);
  return dir;
}

export function testEnv(db: Db, workDir: string, configDir: string, hostMap: string): Env {
  return loadEnv({
    ...process.env,
    DATABASE_URL: db.url,
    REDSHIELD_DATA_DIR: workDir,
    REDSHIELD_CONFIG_DIR: configDir,
    REDSHIELD_HOST_MAP: hostMap,
  });
}

export async function sweepNow(
  db: Db,
  env: Env,
  name: string,
  seeds: readonly string[] = [],
): Promise<RunView> {
  const deps = loadWorkerDeps(db, env);
  const def = getSweep(deps.sweeps, name);
  const { run } = await startRun(db.prisma, {
    def,
    trigger: "manual",
    extraSeeds: [...seeds],
    rulesHash: deps.packs.hash,
    configDir: env.configDir,
  });
  try {
    return await driveRun(db.prisma, run.id, (job) => runShard(deps, job));
  } finally {
    await deps.close();
  }
}
