// `redshield findings export`: one record per finding, as XLSX, CSV or JSON.
import type { Command } from "commander";
import { InputError } from "../errors.ts";
import { findingStatuses } from "../findings/index.ts";
import { findingRecords } from "../export/records.ts";
import { type ExportFormat, writeRecords } from "../export/write.ts";
import { action, withDb } from "./run.ts";

export function registerFindings(program: Command): void {
  const findings = program.command("findings").description("巡查发现：导出");
  findings
    .command("export")
    .description("export findings (one record per finding, with evidence SHA-256 digests)")
    .requiredOption("--format <format>", "xlsx | csv | json")
    .requiredOption("--out <file>", "file to write")
    .option("--status <status>", `only findings in this status (${findingStatuses.join(", ")})`)
    .action(
      action(async (opts: { format: string; out: string; status?: string }) => {
        if (!["xlsx", "csv", "json"].includes(opts.format))
          throw new InputError(`--format must be xlsx, csv or json, got "${opts.format}"`);
        if (opts.status && !(findingStatuses as readonly string[]).includes(opts.status)) {
          throw new InputError(`--status must be one of ${findingStatuses.join(", ")}, got "${opts.status}"`);
        }
        return withDb(async (db) => {
          const n = await writeRecords(
            opts.format as ExportFormat,
            opts.out,
            findingRecords(db.prisma, { status: opts.status }),
          );
          process.stdout.write(`exported ${n} findings to ${opts.out}\n`);
        });
      }),
    );
}
