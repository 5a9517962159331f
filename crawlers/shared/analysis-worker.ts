// Worker-thread side of the analysis pool: decode, extract and run the rule packs on one page.
// Pure CPU work on plain data, so it can run on another core while the main thread fetches.
import { parentPort, workerData } from "node:worker_threads";
import { analyzePage, loadRulePacks } from "../../src/signals/index.ts";
import { analyseBytes, type AnalysisRequest } from "./analyse.ts";

const packs = loadRulePacks((workerData as { rulesDir: string }).rulesDir);

parentPort!.on("message", (msg: { id: number; req: AnalysisRequest }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: analyseBytes(msg.req, packs, analyzePage) });
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: (error as Error).message });
  }
});
