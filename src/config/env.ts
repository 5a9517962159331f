// Typed environment, checked once. Every key has a default and a line of documentation;
// README "Configuration" lists the same keys.
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "../errors.ts";

const envSchema = z
  .object({
    /** postgres:// or postgresql:// for PostgreSQL; file: URL or unset for the embedded SQLite file. */
    DATABASE_URL: z.string().optional(),
    /** Where the SQLite file, evidence and run state live. */
    REDSHIELD_DATA_DIR: z.string().default("data"),
    /** The evidence store; a shared mount when workers on several machines capture evidence. Default <data dir>/evidence. */
    REDSHIELD_EVIDENCE_DIR: z.string().optional(),
    /** Where sweeps.yaml and rules/ are read from. */
    REDSHIELD_CONFIG_DIR: z.string().default("config"),
    /** Host name patterns resolved to a fixed address, e.g. "*.cn=127.0.0.1:8090,*.com=127.0.0.1:8090". */
    REDSHIELD_HOST_MAP: z.string().default(""),
    /** Public base URL of `redshield serve`; e-label badges link to {this}/verify/{serial}. */
    REDSHIELD_PUBLIC_URL: z.string().url().default("http://127.0.0.1:8080"),
    /** Name of the bureau, printed on pages and documents and in the crawler's User-Agent. */
    REDSHIELD_BUREAU_NAME: z.string().default("江湾市市场监督管理局"),
    /** PostgreSQL mode: a shard still unfinished after this many seconds is retried elsewhere. */
    REDSHIELD_SHARD_TIMEOUT_SECS: z.coerce.number().int().min(10).default(1800),
    /** PostgreSQL mode: how many times a failed shard is retried (with back-off) before it counts as failed. */
    REDSHIELD_SHARD_RETRIES: z.coerce.number().int().min(0).max(50).default(6),
    /** PostgreSQL mode: seconds between checks for dead workers, undispatched shards and finished runs. */
    REDSHIELD_RECONCILE_SECS: z.coerce.number().min(0.5).default(10),
  })
  .passthrough();

export type Env = Readonly<{
  databaseUrl: string;
  provider: "sqlite" | "postgresql";
  dataDir: string;
  evidenceDir: string;
  configDir: string;
  hostMap: string;
  publicUrl: string;
  bureauName: string;
  queue: Readonly<{ shardTimeoutSecs: number; shardRetries: number; reconcileSecs: number }>;
}>;

export function providerOf(url: string): "sqlite" | "postgresql" {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (/^file:/i.test(url)) return "sqlite";
  throw new ConfigError(
    `DATABASE_URL must be a postgres://, postgresql:// or file: URL, got "${url.slice(0, 40)}"`,
    "DATABASE_URL 必须是 postgres://、postgresql:// 或 file: 开头的地址",
  );
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`environment variable ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.REDSHIELD_DATA_DIR);
  const databaseUrl = e.DATABASE_URL?.trim() || `file:${path.join(dataDir, "redshield.db")}`;
  return Object.freeze({
    databaseUrl,
    provider: providerOf(databaseUrl),
    dataDir,
    evidenceDir: e.REDSHIELD_EVIDENCE_DIR?.trim()
      ? path.resolve(e.REDSHIELD_EVIDENCE_DIR)
      : path.join(dataDir, "evidence"),
    configDir: path.resolve(e.REDSHIELD_CONFIG_DIR),
    hostMap: e.REDSHIELD_HOST_MAP,
    publicUrl: e.REDSHIELD_PUBLIC_URL.replace(/\/+$/, ""),
    bureauName: e.REDSHIELD_BUREAU_NAME,
    queue: Object.freeze({
      shardTimeoutSecs: e.REDSHIELD_SHARD_TIMEOUT_SECS,
      shardRetries: e.REDSHIELD_SHARD_RETRIES,
      reconcileSecs: e.REDSHIELD_RECONCILE_SECS,
    }),
  });
}
