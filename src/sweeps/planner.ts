// Turns a sweep definition into targets and shards: register websites (filtered, optionally a
// 双随机 sample), label holders' domains, or seed URLs (given, from seed lists, and search-page
// templates filled with keywords).
import fs from "node:fs";
import path from "node:path";
import type { Prisma } from "../db/index.ts";
import { ConfigError } from "../errors.ts";
import type { SweepDefinition } from "./config.ts";
import type { ShardTarget } from "./runs.ts";
import { drawSample, type SampleRecord } from "./sample.ts";

export type Plan = { targets: ShardTarget[]; sample: SampleRecord | null };

export async function planTargets(
  prisma: Prisma,
  def: SweepDefinition,
  opts: { extraSeeds: string[]; configDir: string; runKey: string },
): Promise<Plan> {
  switch (def.kind) {
    case "entities":
      return registerTargets(prisma, def, opts.runKey);
    case "label-check":
      return { targets: await labelHolderTargets(prisma), sample: null };
    case "discover":
    case "violations":
      return { targets: seedTargets(def, opts.extraSeeds, opts.configDir), sample: null };
  }
}

async function registerTargets(prisma: Prisma, def: SweepDefinition, runKey: string): Promise<Plan> {
  const t = def.targets;
  const entities = await prisma.entity.findMany({
    where: {
      ...(t.statuses.length ? { status: { in: t.statuses } } : {}),
      ...(t.regions.length ? { region: { in: t.regions } } : {}),
      presences: { some: { kind: "website" } },
    },
    select: {
      id: true,
      uscc: true,
      presences: { where: { kind: "website" }, select: { domain: true, url: true } },
    },
  });
  let chosen = entities;
  let sample: SampleRecord | null = null;
  if (t.samplePercent !== null) {
    const drawn = drawSample(entities, (e) => e.uscc, t.samplePercent, t.sampleSeed ?? runKey);
    chosen = drawn.items;
    sample = drawn.record;
  }
  chosen.sort((a, b) => a.id - b.id);
  const targets = chosen.flatMap((e) =>
    e.presences.map((p) => ({ url: p.url || `http://${p.domain}/`, entityId: e.id })),
  );
  return { targets, sample };
}

async function labelHolderTargets(prisma: Prisma): Promise<ShardTarget[]> {
  const labels = await prisma.label.findMany({
    where: { revokedAt: null, expiresAt: { gt: new Date() } },
    select: { entityId: true, domains: { select: { domain: true } } },
    orderBy: { id: "asc" },
  });
  return labels.flatMap((l) => l.domains.map((d) => ({ url: `http://${d.domain}/`, entityId: l.entityId })));
}

export function seedTargets(def: SweepDefinition, extraSeeds: string[], configDir: string): ShardTarget[] {
  const urls: string[] = [...extraSeeds, ...def.seeds];
  for (const list of def.seedLists) urls.push(...readSeedList(path.resolve(configDir, list)));
  for (const template of def.searchTemplates) {
    for (const keyword of def.keywords)
      urls.push(template.replaceAll("{keyword}", encodeURIComponent(keyword)));
  }
  const unique = [...new Set(urls)];
  for (const u of unique) {
    try {
      new URL(u);
    } catch {
      throw new ConfigError(`seed "${u}" is not a URL`, `种子网址“${u}”格式错误`);
    }
  }
  return unique.map((url) => ({ url }));
}

/** One URL per line; blank lines and # comments ignored. */
export function readSeedList(file: string): string[] {
  if (!fs.existsSync(file))
    throw new ConfigError(`seed list ${file} does not exist`, `种子列表 ${file} 不存在`);
  const out: string[] = [];
  for (const [i, raw] of fs.readFileSync(file, "utf8").split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    if (!/^https?:\/\/[^\s]+$/.test(line))
      throw new ConfigError(`${file}:${i + 1}: "${line}" is not an http(s) URL`);
    out.push(line);
  }
  return out;
}

export function toShards(targets: ShardTarget[], shardSites: number): ShardTarget[][] {
  const shards: ShardTarget[][] = [];
  for (let i = 0; i < targets.length; i += shardSites) shards.push(targets.slice(i, i + shardSites));
  return shards;
}
