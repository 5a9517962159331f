// Placeholder until the labels command group lands; the command is listed but refuses to run.
import type { Command } from "commander";

export function registerLabels(program: Command): void {
  program
    .command("labels")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("redshield: 'labels' is not available yet\n");
      process.exitCode = 1;
    });
}
