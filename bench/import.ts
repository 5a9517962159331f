// Benchmark: a 100,000-row register imported into a fresh SQLite file and a fresh PostgreSQL
// database, then the same file imported again (which must change nothing). Target: under 20 s on
// SQLite. Run alone with `npx tsx bench/import.ts`, or through benchImport() from bench/run.ts.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openDb, type Provider } from "../src/db/index.ts";
import { type ImportReport, importRegister } from "../src/registry/index.ts";
import { registerRows, writeCsv } from "../test/helpers/register-files.ts";
import { createTempDb, pgUnavailable, tempDir } from "../test/helpers/temp-db.ts";

const rows = 100_000;

/** Wall-clock seconds, and this process's CPU seconds (steadier on a shared, busy machine). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

function changes(r: ImportReport): number {
  return r.created + r.updated + r.invalid;
}

async function benchProvider(provider: Provider, file: string): Promise<Record<string, number>> {
  const temp = await createTempDb(provider);
  const db = await openDb(temp.url);
  try {
    const options = { actor: "bench" };
    const first = await timed(() => importRegister(db, file, options));
    if (first.value.created !== rows)
      throw new Error(`${provider}: created ${first.value.created} of ${rows}`);
    const second = await timed(() => importRegister(db, file, options));
    if (changes(second.value) !== 0)
      throw new Error(`${provider}: second import changed ${changes(second.value)} rows`);
    return {
      [`${provider}_import_s`]: round(first.seconds),
      [`${provider}_rows_per_s`]: Math.round(rows / first.seconds),
      [`${provider}_import_cpu_s`]: round(first.cpuSeconds),
      [`${provider}_reimport_s`]: round(second.seconds),
      [`${provider}_reimport_changes`]: changes(second.value),
    };
  } finally {
    await db.close();
    await temp.drop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function benchImport(): Promise<Record<string, number | string>> {
  const file = writeCsv(path.join(tempDir("rs-bench-"), "register.csv"), registerRows(rows));
  const result: Record<string, number | string> = { rows };
  Object.assign(result, await benchProvider("sqlite", file));
  if (pgUnavailable) result.postgresql = `skipped: ${pgUnavailable}`;
  else Object.assign(result, await benchProvider("postgresql", file));
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchImport();
  for (const [key, value] of Object.entries(result)) console.log(`${key}: ${value}`);
}
