// Public surface of the review workflow: review actions on findings, and case leads (create,
// route to the branch office, lifecycle, read). Used by the web UI and the command line.
export { type CreatedLead, type CreateLeadInput, createLead } from "./create.ts";
export {
  type AdvanceLeadInput,
  advanceLead,
  maxFeedbackLength,
  maxUnitLength,
  setLeadUnit,
} from "./lifecycle.ts";
export { leadNumberText, nextDocumentNumber } from "./numbers.ts";
export {
  getLead,
  type LeadDetail,
  type LeadFinding,
  type LeadSummary,
  leadCandidates,
  listLeads,
} from "./queries.ts";
export {
  addFindingNote,
  assignFindings,
  maxNoteLength,
  maxReasonLength,
  type ReviewInput,
  type ReviewOutcome,
  reviewFindings,
} from "./review.ts";
export { firstIcp, type Routing, routeLead } from "./routing.ts";
export {
  isLeadStatus,
  type LeadStatus,
  leadStatuses,
  nextLeadStatus,
  type ReviewAction,
  reviewActions,
  reviewFrom,
  reviewTo,
} from "./states.ts";
