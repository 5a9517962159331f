// Exports of the findings matching the queue's filter, as XLSX, CSV (UTF-8 with BOM) or JSON,
// written by src/export (formula cells neutralised there) to a temporary file, streamed to the
// browser, deleted, and recorded in the audit log.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { audit } from "../../audit/index.ts";
import type { Db } from "../../db/index.ts";
import { chinaDateTime } from "../../labels/index.ts";
import { type FindingRecord, findingRecords } from "../../export/records.ts";
import { type ExportFormat, writeRecords } from "../../export/write.ts";
import { filteredIds } from "../data/findings-queue.ts";
import { filterParams, parseQueueFilter, type QueueFilter } from "../data/queue-filter.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { html } from "../views/html.ts";
import { exportLinks, filterBar } from "../views/queue-page.ts";
import { type StaffDeps, sendPage, staffOf } from "./deps.ts";

const contentTypes: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** The records of every finding matching the filter, read in id chunks. */
async function* matchingRecords(db: Db, filter: QueueFilter): AsyncGenerator<FindingRecord> {
  for await (const chunk of filteredIds(db, filter)) yield* findingRecords(db.prisma, { ids: chunk });
}

function fileName(format: ExportFormat, now: Date): string {
  return `findings-${chinaDateTime(now).replace(/[-: ]/g, "")}.${format}`;
}

export function registerExportRoutes(app: FastifyInstance, deps: StaffDeps): void {
  app.get("/exports", async (request, reply) => {
    const filter = parseQueueFilter(request.query as Record<string, unknown>);
    const body = html`<h1>${zhCN.exports.title}</h1><p class="muted">${zhCN.exports.hint}</p>
${filterBar({ filter, sweeps: [], regions: [] }, "/exports")}
${exportLinks(filter)}`;
    return sendPage(request, reply, deps, { title: zhCN.exports.title, active: "exports", body });
  });

  for (const format of Object.keys(contentTypes) as ExportFormat[]) {
    app.get(`/exports/findings.${format}`, async (request, reply) => {
      const filter = parseQueueFilter(request.query as Record<string, unknown>);
      const tmp = path.join(os.tmpdir(), `rs-export-${crypto.randomBytes(8).toString("hex")}.${format}`);
      try {
        const count = await writeRecords(format, tmp, matchingRecords(deps.db, filter));
        await audit(deps.db.prisma, {
          actor: staffOf(request).user.name,
          action: "export.findings",
          subjectType: "export",
          subjectId: format,
          details: { filter: filterParams(filter).toString(), count },
        });
        // Opened before the file is removed below: the open handle keeps the data readable, so a
        // large export is streamed without holding it in memory and leaves nothing behind.
        const handle = await fs.promises.open(tmp);
        return reply
          .type(contentTypes[format])
          .header("content-disposition", `attachment; filename="${fileName(format, deps.now())}"`)
          .header("cache-control", "no-store")
          .send(handle.createReadStream());
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    });
  }
}
