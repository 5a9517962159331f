// Placeholder until the serve command group lands; the command is listed but refuses to run.
import type { Command } from "commander";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("redshield: 'serve' is not available yet\n");
      process.exitCode = 1;
    });
}
