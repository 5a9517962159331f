// Named states of sweep runs and shards.
export const runStatuses = ["queued", "running", "completed", "failed", "interrupted"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const shardStatuses = ["pending", "running", "done", "failed"] as const;
export type ShardStatus = (typeof shardStatuses)[number];
export type RunTrigger = "schedule" | "manual";
/** A run whose driver has not beaten its heart for this long is considered dead. */
export const staleHeartbeatMs = 60_000;
