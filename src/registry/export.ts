// Writes the register back in the format it is imported from: the registration system's Chinese
// headers, CSV in UTF-8 with a BOM (so spreadsheet programs read the Chinese right) or XLSX with
// every cell as text. Import of an export changes nothing. Files are written beside the target and
// renamed into place, so a failed export never leaves half a file under the asked-for name.
import fs from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.ts";
import { chineseHeader, type RegisterField, registerColumns } from "./columns.ts";
import { formatCsvLine } from "./csv.ts";
import { allEntities, type EntityRecord, type RegisterDb } from "./entities.ts";
import { formatOfFile } from "./parse.ts";
import { entityKindLabels } from "./states.ts";
import { writeXlsx } from "./xlsx.ts";

export type ExportReport = { file: string; rows: number };

const headers = registerColumns.map((c) => chineseHeader(c.field));

function cellOf(e: EntityRecord, field: RegisterField): string {
  switch (field) {
    case "kind":
      return entityKindLabels[e.kind] ?? e.kind;
    case "domains":
      return e.domains.join(";");
    case "registeredOn":
      return e.registeredOn ?? "";
    default:
      return e[field];
  }
}

const cellsOf = (e: EntityRecord): string[] => registerColumns.map((c) => cellOf(e, c.field));

async function* tableRows(db: RegisterDb, count: { rows: number }): AsyncGenerator<string[]> {
  yield headers;
  for await (const entity of allEntities(db)) {
    count.rows++;
    yield cellsOf(entity);
  }
}

async function writeCsv(file: string, rows: AsyncIterable<string[]>): Promise<void> {
  const out = await fs.open(file, "w");
  try {
    let chunk = "\ufeff";
    for await (const cells of rows) {
      chunk += formatCsvLine(cells);
      if (chunk.length > 1 << 20) {
        await out.write(chunk);
        chunk = "";
      }
    }
    await out.write(chunk);
  } finally {
    await out.close();
  }
}

export async function exportRegister(db: RegisterDb, file: string): Promise<ExportReport> {
  const format = formatOfFile(file);
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  const count = { rows: 0 };
  try {
    const rows = tableRows(db, count);
    if (format === "csv") await writeCsv(partial, rows);
    else await writeXlsx(partial, "登记名册", rows);
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
      throw new InputError(
        `${file}: cannot write the file: ${(error as Error).message}`,
        `${file}：无法写入文件`,
      );
    }
    throw error;
  }
  return { file, rows: count.rows };
}
