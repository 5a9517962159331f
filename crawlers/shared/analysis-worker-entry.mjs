// Entry of an analysis thread: a worker does not inherit the main thread's TypeScript loader,
// so it registers tsx itself before loading the TypeScript worker module.
import { register } from "tsx/esm/api";

register();
await import("./analysis-worker.ts");
