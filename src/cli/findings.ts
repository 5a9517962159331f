// `redshield findings export`: one record per finding, as XLSX, CSV or JSON (audited).
// `redshield findings bundle`: the evidence bundle (zip) of case leads, with the 笔录 and the
// 交办通知书 of each; confirmed leads are handed over by it (src/export/bundle.ts, audited).
import path from "node:path";
import type { Command } from "commander";
import { audit, cliActor } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { EvidenceStore } from "../evidence/index.ts";
import { documentSettings, exportBundle } from "../export/bundle.ts";
import { findingRecords } from "../export/records.ts";
import { type ExportFormat, writeRecords } from "../export/write.ts";
import { InputError, NotFoundError, RefusedError } from "../errors.ts";
import { findingStatuses } from "../findings/index.ts";
import { evidenceDir } from "../worker/deps.ts";
import { action, withDb } from "./run.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Lead ids for --lead values (线索编号 XS-2026-0001 or the numeric id); default every confirmed lead. */
async function leadIdsFor(db: Db, wanted: string[]): Promise<number[]> {
  if (wanted.length === 0) {
    const rows = await db.prisma.caseLead.findMany({
      where: { status: "confirmed" },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    if (rows.length === 0)
      throw new RefusedError(
        "refused: no confirmed leads to bundle (name one with --lead)",
        "没有待交办的线索",
      );
    return rows.map((r) => r.id);
  }
  const ids: number[] = [];
  for (const w of wanted) {
    const value = w.trim();
    const lead = /^\d+$/.test(value)
      ? await db.prisma.caseLead.findUnique({ where: { id: Number(value) }, select: { id: true } })
      : await db.prisma.caseLead.findUnique({ where: { number: value }, select: { id: true } });
    if (!lead) throw new NotFoundError(`--lead ${value}: no such lead`, `线索 ${value} 不存在`);
    ids.push(lead.id);
  }
  return ids;
}

export function registerFindings(program: Command): void {
  const findings = program.command("findings").description("巡查发现：导出、证据包");
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
          await audit(db.prisma, {
            actor: cliActor(),
            action: "export.findings",
            subjectType: "export",
            subjectId: opts.format,
            details: { status: opts.status ?? "", count: n, file: path.basename(opts.out) },
          });
          process.stdout.write(`exported ${n} findings to ${opts.out}\n`);
        });
      }),
    );
  findings
    .command("bundle")
    .description(
      "write the evidence bundle (zip) of case leads: evidence files, manifest with SHA-256 digests, and per lead the 笔录 and 交办通知书 PDFs; hands confirmed leads over",
    )
    .requiredOption("--out <file>", "zip file to write")
    .option(
      "--lead <number>",
      "线索编号 (e.g. XS-2026-0001) or id; repeatable; default every confirmed lead",
      collect,
    )
    .option("--contact <name>", "联系人 printed on the 交办通知书")
    .option("--phone <phone>", "联系电话 printed on the 交办通知书")
    .action(
      action(async (opts: { out: string; lead?: string[]; contact?: string; phone?: string }) => {
        if (!opts.out.toLowerCase().endsWith(".zip"))
          throw new InputError(`--out must name a .zip file, got "${opts.out}"`);
        return withDb(async (db, env) => {
          const leadIds = await leadIdsFor(db, opts.lead ?? []);
          const started = Date.now();
          const result = await exportBundle(db, path.resolve(opts.out), {
            leadIds,
            actor: cliActor(),
            store: new EvidenceStore(evidenceDir(env)),
            settings: documentSettings(env.bureauName, { contact: opts.contact, phone: opts.phone }),
          });
          for (const l of result.leads) {
            process.stdout.write(
              `${l.number}: ${l.findings.length} findings, ${l.evidenceFiles} evidence files, 笔录 ${l.documents.extractionRecord.number}, 交办 ${l.documents.handoverNotice.number}${l.handedOver ? ", handed over" : ""}\n`,
            );
          }
          process.stdout.write(
            `wrote ${opts.out}: ${result.leads.length} leads, ${result.files} files, ${result.bytes} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s; manifest.json SHA-256 ${result.manifestSha256}\n`,
          );
        });
      }),
    );
}
