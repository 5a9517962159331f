export {
  type CaptureInput,
  type FindingInput,
  fingerprintOf,
  type PageRecord,
  type RecordOutcome,
  recordPage,
} from "./record.ts";
export {
  type Category,
  categories,
  type FindingStatus,
  findingStatuses,
  type Severity,
  severities,
  siteCategories,
} from "./states.ts";
