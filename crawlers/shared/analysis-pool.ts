// Page analysis on worker threads, so parsing and rule matching use every core while the main
// thread keeps fetching and writing. REDSHIELD_ANALYSIS_THREADS sets the number of threads.
// Default 0 (inline on the main thread): on the 2-core machines measured so far the threads did
// not pay for their messaging (bench/crawl.ts); set it on machines with more cores.
import os from "node:os";
import { Worker } from "node:worker_threads";
import { logger } from "../../src/log.ts";
import { analyzePage, type RulePacks } from "../../src/signals/index.ts";
import { type AnalysisRequest, type AnalysisResult, analyseBytes } from "./analyse.ts";

export type AnalysisPool = { analyse(req: AnalysisRequest): Promise<AnalysisResult>; close(): Promise<void> };

const log = logger("crawler");
type Pending = { resolve: (r: AnalysisResult) => void; reject: (e: Error) => void };

export function threadCount(): number {
  const configured = process.env.REDSHIELD_ANALYSIS_THREADS;
  if (configured === undefined || !/^\d+$/.test(configured)) return 0;
  return Math.min(Number(configured), os.availableParallelism());
}

export function openAnalysisPool(packs: RulePacks, rulesDir: string, threads = threadCount()): AnalysisPool {
  if (threads === 0) {
    return { analyse: async (req) => analyseBytes(req, packs, analyzePage), close: async () => {} };
  }
  const pending = new Map<number, Pending & { worker: number }>();
  let nextId = 0;
  let closing = false;
  const workers: Worker[] = [];
  // A worker that dies (a hostile page exhausting its memory, say) fails only its own pages and
  // is replaced; the sweep goes on.
  const spawn = (slot: number) => {
    const worker = new Worker(new URL("./analysis-worker-entry.mjs", import.meta.url), {
      workerData: { rulesDir },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    worker.on("message", (msg: { id: number; result?: AnalysisResult; error?: string }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (!p) return;
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result!);
    });
    worker.on("exit", () => {
      for (const [id, p] of pending) {
        if (p.worker !== slot) continue;
        pending.delete(id);
        p.reject(new Error("analysis thread stopped while analysing this page"));
      }
      if (!closing) spawn(slot);
    });
    worker.on("error", (error) => log.error("analysis thread failed", { error: error.message }));
    workers[slot] = worker;
  };
  for (let i = 0; i < threads; i++) spawn(i);
  let turn = 0;
  return {
    analyse: (req) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const slot = turn++ % workers.length;
        pending.set(id, { resolve, reject, worker: slot });
        workers[slot]!.postMessage({ id, req });
      }),
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
