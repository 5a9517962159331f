// Public surface of the labels module: what the CLI, the review app and the crawlers may import.
export {
  type BadgeText,
  type BadgeTone,
  badgeAltText,
  badgeHeightPx,
  badgeHtml,
  badgeImageUrl,
  badgeSvg,
  badgeWidthPx,
  verifyPageUrl,
} from "./badge.ts";
export { chinaDate, chinaDateTime } from "./dates.ts";
export { holderRefusal } from "./holder-status.ts";
export { type IssueLabelInput, issueLabel } from "./issue.ts";
export { getLabel, type LabelSummary, listLabels } from "./list.ts";
export type { LabelRecord } from "./repository.ts";
export { type RevokeLabelInput, revokeLabel } from "./revoke.ts";
export { newSerial, normaliseSerial } from "./serial.ts";
export { type IssuedLabelStatus, type LabelStatus, labelStatuses } from "./status.ts";
export { type LabelVerification, verifyLabel } from "./verify.ts";
