// Review actions on findings: confirm, dismiss with a reason, reopen, add a note, assign. Each
// change is made only from the states that allow it (a finding in a lead follows the lead) and
// is written to the audit log with who and when, in the same transaction.
import { audit, auditMany } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { InputError, NotFoundError, RefusedError } from "../errors.ts";
import { roleAtLeast, type Role } from "../users/index.ts";
import { type ReviewAction, reviewFrom, reviewTo } from "./states.ts";

export type ReviewInput = { ids: number[]; actor: string; reason?: string; now?: Date };
/** Which findings changed, and which were left as they were (wrong state, in a lead, unknown). */
export type ReviewOutcome = { changed: number[]; skipped: number[] };

export const maxReasonLength = 500;
export const maxNoteLength = 2000;

function requiredText(text: string | undefined, max: number, field: string, zhField: string): string {
  const value = (text ?? "").trim();
  if (!value) throw new InputError(`${field}: required`, `请填写${zhField}`);
  if (value.length > max)
    throw new InputError(`${field}: at most ${max} characters`, `${zhField}不能超过 ${max} 个字`);
  return value;
}

function fieldsFor(action: ReviewAction, actor: string, at: Date, digest: string, reason: string) {
  const reviewed = { status: reviewTo[action], reviewedBy: actor, reviewedAt: at };
  if (action === "dismiss") return { ...reviewed, dismissReason: reason, dismissedDigest: digest };
  return { ...reviewed, dismissReason: "", dismissedDigest: "" };
}

/** Applies one review action to each finding that allows it. */
export async function reviewFindings(
  db: Db,
  action: ReviewAction,
  input: ReviewInput,
): Promise<ReviewOutcome> {
  const reason =
    action === "dismiss" ? requiredText(input.reason, maxReasonLength, "reason", "排除理由") : "";
  const ids = [...new Set(input.ids)];
  const at = input.now ?? new Date();
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.finding.findMany({
      where: { id: { in: ids }, status: { in: [...reviewFrom[action]] }, leadId: null },
      select: { id: true, status: true, evidenceDigest: true },
    });
    const changed: { id: number; from: string }[] = [];
    for (const row of rows) {
      // The status condition again: a concurrent reviewer may have moved it since the read.
      const done = await tx.finding.updateMany({
        where: { id: row.id, status: row.status, leadId: null },
        data: fieldsFor(action, input.actor, at, row.evidenceDigest, reason),
      });
      if (done.count === 1) changed.push({ id: row.id, from: row.status });
    }
    await auditMany(
      tx,
      changed.map((c) => ({
        actor: input.actor,
        action: `finding.${action}`,
        subjectType: "finding",
        subjectId: c.id,
        details: { from: c.from, to: reviewTo[action], ...(reason ? { reason } : {}), bulk: ids.length > 1 },
      })),
    );
    const done = new Set(changed.map((c) => c.id));
    return { changed: [...done], skipped: ids.filter((id) => !done.has(id)) };
  });
}

export async function addFindingNote(
  db: Db,
  input: { findingId: number; text: string; actor: string },
): Promise<void> {
  const text = requiredText(input.text, maxNoteLength, "note", "备注");
  await db.prisma.$transaction(async (tx) => {
    const finding = await tx.finding.findUnique({ where: { id: input.findingId }, select: { id: true } });
    if (!finding)
      throw new NotFoundError(`finding ${input.findingId} not found`, `发现 ${input.findingId} 不存在`);
    const note = await tx.findingNote.create({ data: { findingId: finding.id, author: input.actor, text } });
    await audit(tx, {
      actor: input.actor,
      action: "finding.note",
      subjectType: "finding",
      subjectId: finding.id,
      details: { noteId: note.id },
    });
  });
}

/** Assigns findings to a reviewer (an enabled account that may review), or "" to unassign. */
export async function assignFindings(
  db: Db,
  input: { ids: number[]; assignee: string; actor: string },
): Promise<ReviewOutcome> {
  const assignee = input.assignee.trim();
  if (assignee) {
    const user = await db.prisma.user.findUnique({ where: { name: assignee } });
    if (!user || user.disabledAt || !roleAtLeast(user.role as Role, "reviewer")) {
      throw new RefusedError(
        `refused: "${assignee}" is not an active reviewer account`,
        `“${assignee}”不是可审核的账号`,
      );
    }
  }
  const ids = [...new Set(input.ids)];
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.finding.findMany({
      where: { id: { in: ids }, NOT: { assignee } },
      select: { id: true, assignee: true },
    });
    await tx.finding.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { assignee } });
    await auditMany(
      tx,
      rows.map((r) => ({
        actor: input.actor,
        action: "finding.assign",
        subjectType: "finding",
        subjectId: r.id,
        details: { from: r.assignee, to: assignee },
      })),
    );
    const done = new Set(rows.map((r) => r.id));
    return { changed: [...done], skipped: ids.filter((id) => !done.has(id)) };
  });
}
