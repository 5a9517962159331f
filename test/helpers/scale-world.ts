// A world for scale-out tests and benchmarks: a fresh database holding the register of the first
// N synthetic shops, a config dir with an `entities` sweep over them, and helpers to start
// `redshield serve` and `redshield worker` as separate processes against it.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Db, openDb } from "../../src/db/index.ts";
import { importRegister } from "../../src/registry/index.ts";
import { registerCsv } from "../fixtures/web/manifest.ts";
import { syntheticRegisterRows } from "../fixtures/web/synthetic.ts";
import { cliEnv, startRedshield } from "../cli/spawn-redshield.ts";
import { testConfigDir } from "./sweep-harness.ts";
import { createTempDb, type TempDb } from "./temp-db.ts";

export type ScaleWorld = {
  temp: TempDb;
  db: Db;
  dir: string;
  configDir: string;
  /** Environment for child processes (and for loadEnv in this one). */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
};

/** The `entities` sweep of scale tests: HTTP only, no screenshots, no politeness delay. */
export function scaleSweepsYaml(o: {
  shardSites: number;
  maxPagesPerSite?: number;
  schedule?: string;
  concurrency?: number;
}): string {
  const schedule = o.schedule ? `    schedule: "${o.schedule}"\n` : "";
  return `sweeps:
  entities:
    kind: entities
${schedule}    shardSites: ${o.shardSites}
    screenshots: none
    mode: http
    politeness: { perHostDelayMillis: 0, concurrency: ${o.concurrency ?? 64} }
    limits: { pageTimeoutSecs: 30, maxPagesPerSite: ${o.maxPagesPerSite ?? 20} }
`;
}

export async function createScaleWorld(o: {
  provider: "sqlite" | "postgresql";
  sites: number;
  hostMap: string;
  sweepsYaml: string;
  extraEnv?: Record<string, string>;
  /** A database of the test's own (e.g. on a private server) instead of a fresh temporary one. */
  databaseUrl?: string;
}): Promise<ScaleWorld> {
  const temp = o.databaseUrl ? await externalDb(o.databaseUrl) : await createTempDb(o.provider);
  const db = await openDb(temp.url);
  const dir = temp.dataDir;
  const csv = path.join(dir, "register.csv");
  fs.writeFileSync(csv, registerCsv(syntheticRegisterRows(o.sites)));
  await importRegister(db, csv, { actor: "test" });
  const configDir = testConfigDir(dir, o.sweepsYaml);
  const env = cliEnv(temp.url, {
    REDSHIELD_DATA_DIR: dir,
    REDSHIELD_CONFIG_DIR: configDir,
    REDSHIELD_HOST_MAP: o.hostMap,
    ...o.extraEnv,
  });
  return {
    temp,
    db,
    dir,
    configDir,
    env,
    close: async () => {
      await db.close();
      await temp.drop();
    },
  };
}

async function externalDb(url: string): Promise<TempDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rs-scale-"));
  return {
    url,
    provider: "postgresql",
    dataDir,
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A started child process that remembers its output, for diagnosis when a test fails. */
export type Proc = { child: ChildProcess; output(): string; exited: Promise<number | null> };

export function startProc(args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = startRedshield(args, env);
  child.stdin?.end();
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Stops a child with SIGTERM (SIGKILL after graceMs) and waits for it. */
export async function stopProc(p: Proc, graceMs = 20_000): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  const code = await p.exited;
  clearTimeout(timer);
  return code;
}
