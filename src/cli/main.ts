// Entry point of the `redshield` command line. Each command group lives in its own file and
// registers itself on the program; this file only lists them.
import { Command } from "commander";
import { registerAnalyze } from "./analyze.ts";
import { registerEvidence } from "./evidence.ts";
import { registerFindings } from "./findings.ts";
import { registerLabels } from "./labels.ts";
import { registerRegistry } from "./registry.ts";
import { registerServe } from "./serve.ts";
import { registerSweep } from "./sweep.ts";
import { registerUsers } from "./users.ts";
import { registerWorker } from "./worker.ts";

const program = new Command("redshield")
  .description("redshield: 网络市场监管巡查系统 (online market-monitoring crawler)")
  .version(process.env.npm_package_version ?? "0.1.0")
  .showHelpAfterError()
  .exitOverride();

for (const register of [
  registerRegistry,
  registerLabels,
  registerUsers,
  registerServe,
  registerAnalyze,
  registerSweep,
  registerEvidence,
  registerFindings,
  registerWorker,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { exitCode?: number; code?: string }).exitCode;
  const commanderCode = (error as { code?: string }).code;
  if (commanderCode === "commander.helpDisplayed" || commanderCode === "commander.version")
    process.exitCode = 0;
  else process.exitCode = code === 1 || code === undefined ? 2 : code; // usage errors are invalid input
}
