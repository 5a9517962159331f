// `redshield evidence verify`: re-hash every evidence file and report any that is missing or altered.
import type { Command } from "commander";
import { EvidenceStore, verifyEvidence } from "../evidence/index.ts";
import { evidenceDir } from "../worker/deps.ts";
import { progressLine } from "./progress.ts";
import { action, withDb } from "./run.ts";

export function registerEvidence(program: Command): void {
  const evidence = program.command("evidence").description("证据文件：完整性校验");
  evidence
    .command("verify")
    .description("re-hash every stored evidence file; exit 1 if any is missing or altered")
    .action(
      action(async () =>
        withDb(async (db, env) => {
          const store = new EvidenceStore(evidenceDir(env));
          const progress = progressLine();
          const report = await verifyEvidence(db.prisma, store, (n) =>
            progress.update(`verified ${n} files`),
          );
          progress.done();
          for (const p of report.problems)
            process.stdout.write(
              `${p.problem.toUpperCase()} ${p.kind} ${p.sha256} ${store.pathOf(p.sha256)}\n`,
            );
          const warc = report.warc;
          for (const p of warc.problems)
            process.stdout.write(`${p.problem.toUpperCase()} warc ${p.record ?? "-"} ${p.file}\n`);
          process.stdout.write(
            `checked ${report.checked} evidence files: ${report.problems.length === 0 ? "all match their SHA-256 digests" : `${report.problems.length} problem(s)`}\n`,
          );
          process.stdout.write(
            `checked ${warc.files} WARC files (${warc.records} records): ${warc.problems.length === 0 ? "all digests match" : `${warc.problems.length} problem(s)`}` +
              (warc.partFiles.length
                ? `; ${warc.partFiles.length} unfinished .part file(s) of interrupted shards`
                : "") +
              "\n",
          );
          return report.problems.length === 0 && warc.problems.length === 0 ? 0 : 1;
        }),
      ),
    );
}
