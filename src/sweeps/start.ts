// Starting a run: plan its targets, cut them into shards, and create run and shards together
// under the run's idempotent key.
// The scheduler and `redshield sweep run` both come through here; neither crawls anything itself.
import crypto from "node:crypto";
import type { Prisma } from "../db/index.ts";
import type { SweepDefinition } from "./config.ts";
import { planTargets, toShards } from "./planner.ts";
import { createRun, findRunByKey, type RunView } from "./runs.ts";
import type { RunTrigger } from "./states.ts";

export type StartRequest = {
  def: SweepDefinition;
  trigger: RunTrigger;
  /** For schedule ticks: the scheduled minute. The run key is derived from it. */
  scheduledFor?: Date;
  extraSeeds?: string[];
  rulesHash: string;
  configDir: string;
};

/** The minute a schedule tick belongs to: ticks within one minute are one run. */
export function scheduledMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

export function runKeyFor(sweep: string, trigger: RunTrigger, scheduledFor?: Date): string {
  if (trigger === "schedule" && scheduledFor)
    return `${sweep}@${scheduledMinute(scheduledFor).toISOString()}`;
  return `${sweep}@manual:${new Date().toISOString()}:${crypto.randomBytes(4).toString("hex")}`;
}

export async function startRun(
  prisma: Prisma,
  req: StartRequest,
): Promise<{ run: RunView; created: boolean }> {
  const runKey = runKeyFor(req.def.name, req.trigger, req.scheduledFor);
  const existing = await findRunByKey(prisma, runKey);
  if (existing) return { run: existing, created: false };
  const extraSeeds = req.extraSeeds ?? [];
  const plan = await planTargets(prisma, req.def, { extraSeeds, configDir: req.configDir, runKey });
  return createRun(
    prisma,
    {
      sweep: req.def.name,
      runKey,
      trigger: req.trigger,
      scheduledFor: req.scheduledFor ? scheduledMinute(req.scheduledFor) : null,
      configHash: req.def.hash,
      rulesHash: req.rulesHash,
      obeyRobots: req.def.politeness.obeyRobots,
      options: {
        kind: req.def.kind,
        mode: req.def.mode,
        seeds: extraSeeds,
        limits: req.def.limits,
        politeness: req.def.politeness,
        packs: req.def.packs,
        warc: req.def.warc,
      },
    },
    toShards(plan.targets, req.def.shardSites),
    plan.sample as Record<string, unknown> | null,
  );
}
