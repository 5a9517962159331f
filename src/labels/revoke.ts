// Revoking a label: a reason is required, a revoked label stays revoked (a second revocation is
// refused, so the first reason and date are never overwritten), and the change is audited.
import { audit } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { InputError, NotFoundError, RefusedError } from "../errors.ts";
import { logger } from "../log.ts";
import { chinaDate } from "./dates.ts";
import { serialInput } from "./input.ts";
import { type LabelSummary, summarise } from "./list.ts";
import { findLabel, markRevoked } from "./repository.ts";

export type RevokeLabelInput = { serial: string; reason: string; actor: string; now?: Date };

const log = logger("labels");

export async function revokeLabel(db: Db, input: RevokeLabelInput): Promise<LabelSummary> {
  const serial = serialInput(input.serial);
  const reason = input.reason.trim();
  if (!reason)
    throw new InputError("--reason: a reason for the revocation is required", "--reason：必须填写撤销原因");
  const now = input.now ?? new Date();
  const label = await db.prisma.$transaction(async (tx) => {
    const existing = await findLabel(tx, serial);
    if (!existing) throw new NotFoundError(`label ${serial} was never issued`, `未查询到电子标识 ${serial}`);
    if (!(await markRevoked(tx, serial, now, reason))) {
      const on = existing.revokedAt ? chinaDate(existing.revokedAt) : "?";
      throw new RefusedError(
        `refused: label ${serial} was already revoked on ${on} (reason: ${existing.revokeReason})`,
        `不予撤销：电子标识 ${serial} 已于 ${on} 撤销`,
      );
    }
    await audit(tx, {
      actor: input.actor,
      action: "label.revoke",
      subjectType: "label",
      subjectId: serial,
      details: { reason },
    });
    return { ...existing, revokedAt: now, revokeReason: reason };
  });
  log.info("label revoked", { serial });
  return summarise(label, now);
}
