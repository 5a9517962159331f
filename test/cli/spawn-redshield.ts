// Runs the real `redshield` command (node bin/redshield.js) as a child process against a given
// database, optionally feeding standard input; resolves with exit code and both outputs.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const binPath = path.resolve("bin/redshield.js");

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function cliEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, REDSHIELD_LOG_LEVEL: "warn", ...extra };
}

export function startRedshield(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [binPath, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
}

export function runRedshield(args: string[], env: NodeJS.ProcessEnv, input = ""): Promise<CliResult> {
  const child = startRedshield(args, env);
  child.stdin!.end(input);
  return finished(child);
}

/** Collects a started child's output until it exits. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
