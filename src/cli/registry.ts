// `redshield registry import|export|show`: the entity register from the command line.
// Import exits 0 when imported, 2 when rows are invalid (one stderr line per problem:
// FILE:LINE: column COLUMN: reason; nothing written unless --skip-invalid). On a terminal a
// progress line is redrawn in place; piped output gets no progress noise.
import type { Command } from "commander";
import { cliActor } from "../audit/index.ts";
import { ExitCode, NotFoundError } from "../errors.ts";
import {
  type EntityRecord,
  entityKindLabels,
  exportRegister,
  findByDomain,
  findByHost,
  findByUscc,
  type ImportProgress,
  type ImportReport,
  importRegister,
  type RowProblem,
} from "../registry/index.ts";
import { action, withDb } from "./run.ts";

type ImportFlags = { skipInvalid?: boolean; dryRun?: boolean };

/** A progress line on a terminal, redrawn at most ten times a second; silent otherwise. */
function progressDisplay(stream: NodeJS.WriteStream) {
  if (!stream.isTTY) return { update: (_p: ImportProgress) => {}, clear: () => {} };
  const counts: Record<ImportProgress["phase"], string> = { parsed: "-", validated: "-", written: "-" };
  let phaseStart = performance.now();
  let phase: ImportProgress["phase"] | null = null;
  let lastDraw = 0;
  return {
    update(p: ImportProgress) {
      const now = performance.now();
      if (p.phase !== phase) [phase, phaseStart] = [p.phase, now];
      counts[p.phase] = p.phase === "written" ? `${p.rows}/${p.total}` : String(p.rows);
      if (now - lastDraw < 100 && p.rows < p.total) return;
      lastDraw = now;
      const rate = Math.round(p.rows / Math.max((now - phaseStart) / 1000, 0.001));
      const line = `parsed ${counts.parsed} · validated ${counts.validated} · written ${counts.written} · ${rate} rows/s`;
      stream.write(`\r\x1b[2K${line}`);
    },
    clear: () => stream.write("\r\x1b[2K"),
  };
}

export function formatProblem(file: string, p: RowProblem): string {
  return `${file}:${p.line}: column ${p.column}: ${p.reason}`;
}

function counts(r: ImportReport): string {
  return `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.invalid} invalid`;
}

async function runImport(file: string, flags: ImportFlags): Promise<number> {
  const progress = progressDisplay(process.stderr);
  const report = await withDb((db) =>
    importRegister(db, file, {
      actor: cliActor(),
      skipInvalid: flags.skipInvalid,
      dryRun: flags.dryRun,
      onProgress: progress.update,
    }),
  ).finally(progress.clear);
  for (const p of report.problems) process.stderr.write(`${formatProblem(file, p)}\n`);
  if (report.outcome === "rejected") {
    process.stderr.write(
      `redshield: ${file}: ${report.invalid} of ${report.rows} rows are invalid; nothing was imported (--skip-invalid imports the valid rows)\n`,
    );
    return ExitCode.InvalidInput;
  }
  const what = report.outcome === "checked" ? "dry run, nothing written" : "imported";
  process.stdout.write(`${what}: ${counts(report)}\n`);
  return ExitCode.Ok;
}

function describeEntity(e: EntityRecord): string {
  const rows: [string, string][] = [
    ["统一社会信用代码", e.uscc],
    ["名称", e.name],
    ["类型", `${entityKindLabels[e.kind] ?? e.kind} (${e.kind})`],
    ["登记状态", e.status],
    ["所属分局", e.region],
    ["住所", e.address],
    ["网站域名", e.domains.join("; ")],
    ["ICP备案号", e.icp],
    ["成立日期", e.registeredOn ?? ""],
    [
      "其他网上经营场所",
      e.presences
        .filter((p) => p.kind !== "website")
        .map((p) => p.url || p.domain)
        .join("; "),
    ],
    ["更新时间", e.updatedAt.toISOString()],
  ];
  return rows
    .filter(([, value]) => value !== "")
    .map(([label, value]) => `${label}: ${value}`)
    .join("\n");
}

async function runShow(key: string, flags: { json?: boolean }): Promise<number> {
  const entities = await withDb(async ({ prisma }) => {
    if (/^[0-9A-Za-z]{18}$/.test(key.trim())) {
      const e = await findByUscc(prisma, key);
      return e ? [e] : [];
    }
    const exact = await findByDomain(prisma, key);
    return exact.length > 0 ? exact : findByHost(prisma, key);
  });
  if (entities.length === 0) {
    throw new NotFoundError(`no entity in the register for "${key}"`, `名册中没有与"${key}"对应的主体`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(entities, null, 2)}\n`);
  else process.stdout.write(`${entities.map(describeEntity).join("\n\n")}\n`);
  return ExitCode.Ok;
}

async function runExport(file: string): Promise<number> {
  const report = await withDb(({ prisma }) => exportRegister(prisma, file));
  process.stdout.write(`exported: ${report.rows} entities to ${report.file}\n`);
  return ExitCode.Ok;
}

export function registerRegistry(program: Command): void {
  const registry = program
    .command("registry")
    .description("实体名册：导入、导出、查询 (the entity register)");
  registry
    .command("import")
    .description("import a register file (CSV in UTF-8 or GBK, or XLSX); all rows or none")
    .argument("<file>", "FILE.csv or FILE.xlsx")
    .option("--skip-invalid", "import the valid rows and report the invalid ones")
    .option("--dry-run", "validate only; write nothing")
    .action(action((file: string, flags: ImportFlags) => runImport(file, flags)));
  registry
    .command("export")
    .description("write the register as CSV (UTF-8 with BOM) or XLSX, in the import format")
    .argument("<file>", "FILE.csv or FILE.xlsx")
    .action(action((file: string) => runExport(file)));
  registry
    .command("show")
    .description("print the entity with this USCC, or holding this domain")
    .argument("<uscc-or-domain>")
    .option("--json", "print JSON")
    .action(action((key: string, flags: { json?: boolean }) => runShow(key, flags)));
}
