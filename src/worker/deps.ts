// Everything a shard needs, loaded once per process: rule packs, sweep definitions, evidence store.
import path from "node:path";
import type { Env } from "../config/env.ts";
import type { Db } from "../db/index.ts";
import { EvidenceStore } from "../evidence/index.ts";
import { loadRulePacks } from "../signals/index.ts";
import { loadSweeps } from "../sweeps/config.ts";
import type { AnalysisPool } from "../../crawlers/index.ts";
import type { WorkerDeps } from "./run-shard.ts";

/** The evidence store's directory (REDSHIELD_EVIDENCE_DIR, read once in src/config/env.ts). */
export function evidenceDir(env: Env): string {
  return env.evidenceDir;
}

export function loadWorkerDeps(db: Db, env: Env): WorkerDeps {
  const rulesDir = path.join(env.configDir, "rules");
  const packs = loadRulePacks(rulesDir);
  // Crawlers (and Crawlee) load only when a shard is crawled: most commands never need them.
  let pool: Promise<AnalysisPool> | null = null;
  const analysis = () => {
    pool ??= import("../../crawlers/index.ts").then((m) => m.openAnalysisPool(packs, rulesDir));
    return pool;
  };
  return {
    prisma: db.prisma,
    store: new EvidenceStore(evidenceDir(env)),
    packs,
    sweeps: loadSweeps(env.configDir),
    env,
    analysis,
    close: async () => {
      if (pool) await (await pool).close();
    },
  };
}
