// Shared plumbing for command actions: one place turns errors into exit codes and messages,
// and opens/closes the database around a command.
import { type Env, loadEnv } from "../config/env.ts";
import { type Db, openDb } from "../db/index.ts";
import { exitCodeOf, RedshieldError } from "../errors.ts";

export function reportError(error: unknown): number {
  const code = exitCodeOf(error);
  if (error instanceof RedshieldError) {
    process.stderr.write(`redshield: ${error.message}\n`);
    if (error.zhMessage !== error.message) process.stderr.write(`redshield: ${error.zhMessage}\n`);
  } else {
    process.stderr.write(`redshield: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  return code;
}

/** Wraps a command action: errors become an exit code and a message on standard error. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      process.exitCode = typeof code === "number" ? code : 0;
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}

/** Runs fn with an open database and closes it afterwards, whatever happens. */
export async function withDb<T>(fn: (db: Db, env: Env) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const db = await openDb(env.databaseUrl);
  try {
    return await fn(db, env);
  } finally {
    await db.close();
  }
}

/** Reads all of standard input as text (passwords, piped files). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
