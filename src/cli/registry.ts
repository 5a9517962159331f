// Placeholder until the registry command group lands; the command is listed but refuses to run.
import type { Command } from "commander";

export function registerRegistry(program: Command): void {
  program
    .command("registry")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("redshield: 'registry' is not available yet\n");
      process.exitCode = 1;
    });
}
