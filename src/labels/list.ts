// Labels as staff see them: full USCC, status, revocation reason, who issued them.
import type { Db } from "../db/index.ts";
import { NotFoundError } from "../errors.ts";
import { chinaDate } from "./dates.ts";
import { serialInput, usccInput } from "./input.ts";
import { findHolder, findLabel, findLabels, type LabelRecord } from "./repository.ts";
import { type IssuedLabelStatus, labelStatus } from "./status.ts";

export type LabelSummary = LabelRecord & {
  status: IssuedLabelStatus;
  /** Calendar dates, YYYY-MM-DD in China Standard Time. */
  issuedOn: string;
  expiresOn: string;
  revokedOn: string | null;
};

export function summarise(label: LabelRecord, now: Date): LabelSummary {
  return {
    ...label,
    status: labelStatus(label, now),
    issuedOn: chinaDate(label.issuedAt),
    expiresOn: chinaDate(label.expiresAt),
    revokedOn: label.revokedAt ? chinaDate(label.revokedAt) : null,
  };
}

/** Every label, newest first; only those of one entity when `uscc` is given. */
export async function listLabels(
  db: Db,
  filter: { uscc?: string; now?: Date } = {},
): Promise<LabelSummary[]> {
  const now = filter.now ?? new Date();
  let entityId: number | undefined;
  if (filter.uscc !== undefined) {
    const uscc = usccInput(filter.uscc);
    const holder = await findHolder(db.prisma, uscc);
    if (!holder)
      throw new NotFoundError(`no entity with USCC ${uscc} in the register`, `登记簿中没有该主体：${uscc}`);
    entityId = holder.id;
  }
  return (await findLabels(db.prisma, { entityId })).map((l) => summarise(l, now));
}

/** One label by serial; NotFoundError when it was never issued. */
export async function getLabel(db: Db, serialText: string, now = new Date()): Promise<LabelSummary> {
  const serial = serialInput(serialText);
  const label = await findLabel(db.prisma, serial);
  if (!label) throw new NotFoundError(`label ${serial} was never issued`, `未查询到电子标识 ${serial}`);
  return summarise(label, now);
}
