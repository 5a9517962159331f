// Named states of a finding and the signal categories (DESIGN.md ids). Tests, exports and the UI use them.

export const findingStatuses = ["new", "confirmed", "dismissed", "handed_over", "closed"] as const;
export type FindingStatus = (typeof findingStatuses)[number];

// Signal categories and severities are defined once, with the rule-pack schema.
export {
  type CategoryId as Category,
  categoryIds as categories,
  type Severity,
  severities,
} from "../config/rule-pack-schema.ts";

/** Categories decided per site (one finding per domain), not per page. */
export const siteCategories: ReadonlySet<string> = new Set([
  "license_display",
  "red_shield",
  "unregistered_entity",
  "identity_mismatch",
]);
