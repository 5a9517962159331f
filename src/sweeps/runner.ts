// The in-process runner behind `redshield serve` on the embedded database: drives queued runs one
// at a time, and at start puts runs whose driver died (stale heartbeat) back in the queue.
import type { Prisma } from "../db/index.ts";
import { logger } from "../log.ts";
import { driveRun, type ShardProcessor } from "./execute.ts";
import { reopenInterrupted, staleRuns } from "./runs.ts";

const log = logger("sweep");

export function startRunner(
  prisma: Prisma,
  processShard: ShardProcessor,
  pollMillis = 2000,
): { stop(): Promise<void>; wake(): void } {
  let stopped = false;
  let busy: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const loop = async () => {
    for (const run of await staleRuns(prisma)) {
      const n = await reopenInterrupted(prisma, run.id);
      log.info("resuming interrupted run", { run: run.id, shards: n });
    }
    while (!stopped) {
      const next = await prisma.sweepRun.findFirst({ where: { status: "queued" }, orderBy: { id: "asc" } });
      if (!next) break;
      log.info("run started", { run: next.id, sweep: next.sweep });
      const done = await driveRun(prisma, next.id, processShard);
      log.info("run ended", {
        run: done.id,
        status: done.status,
        pages: done.pagesFetched,
        findingsNew: done.findingsNew,
      });
    }
  };
  const wake = () => {
    if (stopped || busy) return;
    busy = loop()
      .catch((error) => log.error("runner failed", { error: (error as Error).message }))
      .finally(() => {
        busy = null;
      });
  };
  timer = setInterval(wake, pollMillis);
  timer.unref();
  wake();
  return {
    wake,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await busy;
    },
  };
}
