// Placeholder until the analyze command group lands; the command is listed but refuses to run.
import type { Command } from "commander";

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("redshield: 'analyze' is not available yet\n");
      process.exitCode = 1;
    });
}
