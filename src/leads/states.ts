// Named states of a case lead and the review transitions of a finding. A lead moves one way:
// confirmed → handed_over (交办) → feedback (反馈已收到) → closed. A finding is reviewed while it
// belongs to no lead; once in a lead it follows the lead.
import type { FindingStatus } from "../findings/index.ts";

export const leadStatuses = ["confirmed", "handed_over", "feedback", "closed"] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export function isLeadStatus(value: string): value is LeadStatus {
  return (leadStatuses as readonly string[]).includes(value);
}

/** The one status each lead status may move to next (closed is final). */
export const nextLeadStatus: Record<LeadStatus, LeadStatus | null> = {
  confirmed: "handed_over",
  handed_over: "feedback",
  feedback: "closed",
  closed: null,
};

export const reviewActions = ["confirm", "dismiss", "reopen"] as const;
export type ReviewAction = (typeof reviewActions)[number];

/** The finding statuses each review action starts from; the finding must also be in no lead. */
export const reviewFrom: Record<ReviewAction, readonly FindingStatus[]> = {
  confirm: ["new", "dismissed"],
  dismiss: ["new", "confirmed"],
  reopen: ["dismissed", "confirmed"],
};

export const reviewTo: Record<ReviewAction, FindingStatus> = {
  confirm: "confirmed",
  dismiss: "dismissed",
  reopen: "new",
};
