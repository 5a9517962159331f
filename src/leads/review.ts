// Review actions on findings: confirm, dismiss with a reason, reopen, add a note, assign. Each
// change is made only from the states that allow it (a finding in a lead follows the lead) and
// is written to the audit log with who and when, in the same transaction.
import { audit, auditMany } from "../audit/index.ts";
import type { Db, Prisma } from "../db/index.ts";
import { InputError, NotFoundError, RefusedError } from "../errors.ts";
import { roleAtLeast, type Role } from "../users/index.ts";
import { bulkTimeout, slices } from "./slices.ts";
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

function fieldsFor(action: ReviewAction, actor: string, at: Date, reason: string) {
  const reviewed = { status: reviewTo[action], reviewedBy: actor, reviewedAt: at };
  // dismissedDigest (the evidence digest at dismissal) is per row: see keepDismissedDigest.
  if (action === "dismiss") return { ...reviewed, dismissReason: reason };
  return { ...reviewed, dismissReason: "", dismissedDigest: "" };
}

/** Remembers each dismissed finding's current evidence digest (a new one reopens it later). */
async function keepDismissedDigest(tx: Pick<Prisma, "$executeRawUnsafe">, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  if (!ids.every(Number.isSafeInteger)) throw new Error("finding ids must be integers");
  // A column copied from another column of the same row: Prisma's updateMany cannot express it.
  // The ids are integers read back from the update, written out as literals.
  await tx.$executeRawUnsafe(
    `UPDATE "Finding" SET "dismissedDigest" = "evidenceDigest" WHERE "id" IN (${ids.join(",")})`,
  );
}

/**
 * Applies one review action to each finding that allows it. Any number of ids: they are updated
 * in slices within one transaction, so either every allowed finding changes and is audited, or
 * (on an error) none does.
 */
export async function reviewFindings(
  db: Db,
  action: ReviewAction,
  input: ReviewInput,
): Promise<ReviewOutcome> {
  const reason =
    action === "dismiss" ? requiredText(input.reason, maxReasonLength, "reason", "排除理由") : "";
  const ids = [...new Set(input.ids)];
  const at = input.now ?? new Date();
  const data = fieldsFor(action, input.actor, at, reason);
  return db.prisma.$transaction(
    async (tx) => {
      const from = new Map<number, string>();
      for (const slice of slices(ids)) {
        // One conditional update per starting status: the condition is checked as the row is
        // written, so a finding a concurrent reviewer moved meanwhile is left alone, and the
        // returned ids are exactly the findings this action changed.
        for (const status of reviewFrom[action]) {
          const done = await tx.finding.updateManyAndReturn({
            where: { id: { in: slice }, status, leadId: null },
            data,
            select: { id: true },
          });
          for (const row of done) from.set(row.id, status);
        }
        if (action === "dismiss")
          await keepDismissedDigest(
            tx,
            slice.filter((id) => from.has(id)),
          );
      }
      const changed = ids.filter((id) => from.has(id));
      await auditMany(
        tx,
        changed.map((id) => ({
          actor: input.actor,
          action: `finding.${action}`,
          subjectType: "finding",
          subjectId: id,
          details: {
            from: from.get(id),
            to: reviewTo[action],
            ...(reason ? { reason } : {}),
            bulk: ids.length > 1,
          },
        })),
      );
      return { changed, skipped: ids.filter((id) => !from.has(id)) };
    },
    { timeout: bulkTimeout(ids.length) },
  );
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
  return db.prisma.$transaction(
    async (tx) => {
      const rows: { id: number; assignee: string }[] = [];
      for (const slice of slices(ids)) {
        const found = await tx.finding.findMany({
          where: { id: { in: slice }, NOT: { assignee } },
          select: { id: true, assignee: true },
        });
        await tx.finding.updateMany({ where: { id: { in: found.map((r) => r.id) } }, data: { assignee } });
        rows.push(...found);
      }
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
    },
    { timeout: bulkTimeout(ids.length) },
  );
}
