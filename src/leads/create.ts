// Creating a case lead: confirmed findings of one entity (or, when the operator is unknown, of one
// site) are grouped under a new gap-free 线索编号 and routed to the branch office responsible.
// Number, lead, findings and audit rows are written in one transaction; any number of findings
// (their ids are read and written in slices, see slices.ts).
import { audit, auditMany } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { InputError, NotFoundError, RefusedError } from "../errors.ts";
import { leadNumberText, nextDocumentNumber } from "./numbers.ts";
import { type Routing, routeLead } from "./routing.ts";
import { bulkTimeout, slices } from "./slices.ts";

export type CreateLeadInput = {
  findingIds: number[];
  actor: string;
  /** 承办单位 chosen by the reviewer; default: the routing proposal. */
  assignedUnit?: string;
  /** Reads the stored page text by digest, for the ICP number when the operator is unknown. */
  textOf?: (sha256: string) => Promise<string | null>;
  now?: Date;
};

export type CreatedLead = { id: number; number: string; assignedUnit: string; routing: Routing };

type Member = {
  id: number;
  status: string;
  leadId: number | null;
  entityId: number | null;
  domain: string;
  details: string;
  excerpt: string;
  evidenceDigest: string;
  entity: { region: string } | null;
};

/** Ids for a message: the first 20, then how many more (a bulk lead may name thousands). */
function idList(ids: number[], separator: string, more: (n: number) => string): string {
  const shown = ids.slice(0, 20).join(separator);
  return ids.length > 20 ? `${shown}${more(ids.length - 20)}` : shown;
}

function checkGroup(ids: number[], rows: Member[]): void {
  if (ids.length === 0) throw new InputError("findings: none selected", "请选择至少一条已确认的发现");
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length)
    throw new NotFoundError(
      `findings not found: ${idList(missing, ", ", (n) => ` and ${n} more`)}`,
      `发现不存在：${idList(missing, "、", (n) => ` 等（另有 ${n} 条）`)}`,
    );
  const unfit = rows.filter((r) => r.status !== "confirmed" || r.leadId !== null).map((r) => r.id);
  if (unfit.length) {
    throw new RefusedError(
      `refused: findings ${idList(unfit, ", ", (n) => ` and ${n} more`)} are not confirmed or already belong to a lead`,
      `不能建立线索：发现 ${idList(unfit, "、", (n) => ` 等（另有 ${n} 条）`)} 未确认或已归入线索`,
    );
  }
  const first = rows[0]!;
  const sameGroup = rows.every((r) =>
    first.entityId !== null
      ? r.entityId === first.entityId
      : r.entityId === null && r.domain === first.domain,
  );
  if (!sameGroup) {
    throw new RefusedError(
      "refused: a lead groups findings of one entity, or of one site when the operator is unknown",
      "不能建立线索：一条线索只能包含同一主体（经营者不明时为同一网站）的发现",
    );
  }
}

async function routingOf(rows: Member[], textOf: CreateLeadInput["textOf"]): Promise<Routing> {
  const first = rows[0]!;
  if (first.entity?.region) return routeLead(first.entity.region, []);
  const texts: string[] = [];
  for (const r of rows) {
    texts.push(r.details);
    const text = r.evidenceDigest && textOf ? await textOf(r.evidenceDigest) : null;
    if (text) texts.push(text);
  }
  return routeLead(null, texts);
}

/** The domain most of the lead's findings are on. */
function mainDomain(rows: Member[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.domain, (counts.get(r.domain) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

export async function createLead(db: Db, input: CreateLeadInput): Promise<CreatedLead> {
  const ids = [...new Set(input.findingIds)];
  const select = {
    id: true,
    status: true,
    leadId: true,
    entityId: true,
    domain: true,
    details: true,
    excerpt: true,
    evidenceDigest: true,
    entity: { select: { region: true } },
  } as const;
  const rows: Member[] = [];
  for (const slice of slices(ids)) {
    rows.push(...(await db.prisma.finding.findMany({ where: { id: { in: slice } }, select })));
  }
  checkGroup(ids, rows);
  const routing = await routingOf(rows, input.textOf);
  const assignedUnit = input.assignedUnit?.trim() || routing.unit;
  const now = input.now ?? new Date();
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  return db.prisma.$transaction(
    async (tx) => {
      const number = leadNumberText(year, await nextDocumentNumber(tx, db.provider, "lead", year));
      const lead = await tx.caseLead.create({
        data: {
          number,
          entityId: rows[0]!.entityId,
          domain: mainDomain(rows),
          assignedUnit,
          createdBy: input.actor,
          createdAt: now,
        },
      });
      let taken = 0;
      for (const slice of slices(ids)) {
        const done = await tx.finding.updateMany({
          where: { id: { in: slice }, status: "confirmed", leadId: null },
          data: { leadId: lead.id },
        });
        taken += done.count;
      }
      if (taken !== ids.length) {
        // Someone changed a finding since it was read: roll back, the number is not used up.
        throw new RefusedError(
          "refused: the findings changed meanwhile; try again",
          "发现已被他人修改，请刷新后重试",
        );
      }
      await audit(tx, {
        actor: input.actor,
        action: "lead.create",
        subjectType: "lead",
        subjectId: lead.id,
        details: { number, findings: ids, assignedUnit, routing },
      });
      await auditMany(
        tx,
        ids.map((id) => ({
          actor: input.actor,
          action: "finding.lead",
          subjectType: "finding",
          subjectId: id,
          details: { leadId: lead.id, number },
        })),
      );
      return { id: lead.id, number, assignedUnit, routing };
    },
    { timeout: bulkTimeout(ids.length) },
  );
}
