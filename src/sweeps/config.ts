// Sweep definitions: config/sweeps.yaml, checked at load against one strict schema. The built-in
// sweeps `entities` and `discover` exist even without the file; the file may tune them and add
// special sweeps (P2P, cash loans, bank cards ...) that reuse a crawler kind with their own seeds,
// rule packs and limits. Errors name the file, the line and the key.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import cron from "node-cron";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { limitsSchema, politenessSchema } from "./limits.ts";
import { ConfigError } from "../errors.ts";
import { categories } from "../findings/index.ts";

export const sweepKinds = ["entities", "discover", "violations", "label-check"] as const;
export type SweepKind = (typeof sweepKinds)[number];

const sweepSchema = z
  .object({
    description: z.string().default(""),
    kind: z.enum(sweepKinds),
    schedule: z
      .string()
      .refine((s) => cron.validate(s), "not a valid cron expression (minute hour day month weekday)")
      .nullable()
      .default(null),
    enabled: z.boolean().default(true),
    targets: z
      .object({
        statuses: z.array(z.string()).default(["存续", "在业"]),
        regions: z.array(z.string()).default([]),
        samplePercent: z.number().gt(0).max(100).nullable().default(null),
        sampleSeed: z.string().nullable().default(null),
      })
      .strict()
      .default({}),
    seeds: z.array(z.string().url()).default([]),
    seedLists: z.array(z.string()).default([]),
    searchTemplates: z
      .array(z.string().includes("{keyword}", { message: "must contain {keyword}" }))
      .default([]),
    keywords: z.array(z.string().min(1)).default([]),
    packs: z.union([z.literal("all"), z.array(z.enum(categories))]).default("all"),
    mode: z.enum(["http", "browser", "auto"]).default("auto"),
    screenshots: z.enum(["findings", "none"]).default("findings"),
    warc: z.boolean().default(false),
    shardSites: z.number().int().min(1).max(5000).default(100),
    limits: limitsSchema.default({}),
    politeness: politenessSchema.default({}),
  })
  .strict();

const fileSchema = z
  .object({
    timezone: z.string().default("Asia/Shanghai"),
    sweeps: z
      .record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, "sweep names are lower-case letters, digits and -"),
        sweepSchema,
      )
      .default({}),
  })
  .strict();

export type SweepDefinition = z.infer<typeof sweepSchema> & { name: string; hash: string };
export type SweepsConfig = { timezone: string; sweeps: ReadonlyMap<string, SweepDefinition>; file: string };

const builtIns: Record<string, unknown> = {
  entities: { description: "登记网站巡查（主体核查）", kind: "entities" },
  discover: {
    description: "网店发现（未登记主体）",
    kind: "discover",
    limits: { maxDepth: 2, maxPagesPerSite: 10 },
  },
};

export function loadSweeps(configDir: string): SweepsConfig {
  const file = path.join(configDir, "sweeps.yaml");
  let raw: unknown = {};
  let lines: LineCounter | null = null;
  let doc: ReturnType<typeof parseDocument> | null = null;
  if (fs.existsSync(file)) {
    lines = new LineCounter();
    doc = parseDocument(fs.readFileSync(file, "utf8"), { lineCounter: lines, prettyErrors: false });
    const problem = doc.errors[0];
    if (problem) {
      const at = lines.linePos(problem.pos[0]);
      throw new ConfigError(`${file}:${at.line}: YAML syntax error: ${problem.message.split("\n")[0]}`);
    }
    raw = doc.toJS() ?? {};
  }
  const merged = mergeBuiltIns(raw);
  const parsed = fileSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc?.getIn(issue.path, true) as { range?: [number, number] } | undefined;
    const line = node?.range && lines ? `:${lines.linePos(node.range[0]).line}` : "";
    throw new ConfigError(
      `${file}${line}: ${issue.path.join(".") || "(top)"}: ${issue.message}`,
      `扫描配置错误：${issue.path.join(".")}`,
    );
  }
  const sweeps = new Map<string, SweepDefinition>();
  for (const [name, def] of Object.entries(parsed.data.sweeps)) {
    const hash = crypto.createHash("sha256").update(JSON.stringify(def)).digest("hex").slice(0, 16);
    sweeps.set(name, Object.freeze({ ...def, name, hash }));
  }
  return { timezone: parsed.data.timezone, sweeps, file };
}

function mergeBuiltIns(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const obj = raw as { sweeps?: Record<string, unknown> };
  const given = obj.sweeps && typeof obj.sweeps === "object" ? obj.sweeps : {};
  const sweeps: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(builtIns))
    sweeps[name] = { ...(def as object), ...((given[name] as object) ?? {}) };
  for (const [name, def] of Object.entries(given)) if (!(name in builtIns)) sweeps[name] = def;
  return { ...obj, sweeps };
}

export function getSweep(config: SweepsConfig, name: string): SweepDefinition {
  const def = config.sweeps.get(name);
  if (!def) {
    throw new ConfigError(
      `no sweep named "${name}" (known: ${[...config.sweeps.keys()].join(", ")})`,
      `没有名为“${name}”的巡查任务`,
    );
  }
  return def;
}
