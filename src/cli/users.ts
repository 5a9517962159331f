// Placeholder until the users command group lands; the command is listed but refuses to run.
import type { Command } from "commander";

export function registerUsers(program: Command): void {
  program
    .command("users")
    .description("(not yet available)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("redshield: 'users' is not available yet\n");
      process.exitCode = 1;
    });
}
