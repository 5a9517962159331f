// Moving a lead along its lifecycle (交办 → 反馈 → 办结) and changing its 承办单位. A step is
// taken only from the status before it; the lead's findings follow (handed_over, then closed).
// Every change is audited in the same transaction.
import { audit } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { InputError, NotFoundError, RefusedError } from "../errors.ts";
import { isLeadStatus, type LeadStatus, nextLeadStatus } from "./states.ts";

export type AdvanceLeadInput = {
  leadId: number;
  /** The status to move to; must be the next one of the lead's current status. */
  to: LeadStatus;
  actor: string;
  /** Required when recording feedback (反馈情况). */
  feedback?: string;
  now?: Date;
};

export const maxFeedbackLength = 4000;
export const maxUnitLength = 100;

function stepFields(to: LeadStatus, at: Date, feedback: string) {
  if (to === "handed_over") return { handedOverAt: at };
  if (to === "feedback") return { feedbackAt: at, feedback };
  return { closedAt: at };
}

/** What the lead's findings become at this step, if anything. */
const findingStatusAt: Partial<Record<LeadStatus, string>> = { handed_over: "handed_over", closed: "closed" };

function feedbackText(to: LeadStatus, text: string | undefined): string {
  if (to !== "feedback") return "";
  const value = (text ?? "").trim();
  if (!value) throw new InputError("feedback: required", "请填写反馈情况");
  if (value.length > maxFeedbackLength)
    throw new InputError("feedback: too long", `反馈情况不能超过 ${maxFeedbackLength} 个字`);
  return value;
}

async function currentLead(db: Db, leadId: number) {
  const lead = await db.prisma.caseLead.findUnique({ where: { id: leadId } });
  if (!lead) throw new NotFoundError(`lead ${leadId} not found`, `线索 ${leadId} 不存在`);
  return lead;
}

export async function advanceLead(db: Db, input: AdvanceLeadInput): Promise<void> {
  const feedback = feedbackText(input.to, input.feedback);
  const at = input.now ?? new Date();
  const lead = await currentLead(db, input.leadId);
  const from = isLeadStatus(lead.status) ? lead.status : null;
  if (!from || nextLeadStatus[from] !== input.to) {
    throw new RefusedError(
      `refused: lead ${lead.number} is ${lead.status}; it cannot move to ${input.to}`,
      `线索 ${lead.number} 当前状态不允许此操作`,
    );
  }
  await db.prisma.$transaction(async (tx) => {
    const moved = await tx.caseLead.updateMany({
      where: { id: lead.id, status: from },
      data: { status: input.to, ...stepFields(input.to, at, feedback) },
    });
    if (moved.count !== 1)
      throw new RefusedError("refused: the lead changed meanwhile", "线索已被他人修改，请刷新后重试");
    const findingStatus = findingStatusAt[input.to];
    if (findingStatus)
      await tx.finding.updateMany({ where: { leadId: lead.id }, data: { status: findingStatus } });
    await audit(tx, {
      actor: input.actor,
      action: `lead.${input.to}`,
      subjectType: "lead",
      subjectId: lead.id,
      details: { number: lead.number, from, to: input.to, ...(feedback ? { feedback } : {}) },
    });
  });
}

/** Changes the 承办单位 of a lead that is not yet closed. */
export async function setLeadUnit(
  db: Db,
  input: { leadId: number; unit: string; actor: string },
): Promise<void> {
  const unit = input.unit.trim();
  if (!unit) throw new InputError("unit: required", "请填写承办单位");
  if (unit.length > maxUnitLength)
    throw new InputError("unit: too long", `承办单位不能超过 ${maxUnitLength} 个字`);
  const lead = await currentLead(db, input.leadId);
  if (lead.status === "closed")
    throw new RefusedError("refused: the lead is closed", "线索已办结，不能修改承办单位");
  if (lead.assignedUnit === unit) return;
  await db.prisma.$transaction(async (tx) => {
    await tx.caseLead.update({ where: { id: lead.id }, data: { assignedUnit: unit } });
    await audit(tx, {
      actor: input.actor,
      action: "lead.unit",
      subjectType: "lead",
      subjectId: lead.id,
      details: { number: lead.number, from: lead.assignedUnit, to: unit },
    });
  });
}
