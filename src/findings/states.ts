// Named states of a finding and the signal categories (DESIGN.md ids). Tests, exports and the UI use them.

export const findingStatuses = ["new", "confirmed", "dismissed", "handed_over", "closed"] as const;
export type FindingStatus = (typeof findingStatuses)[number];

export const severities = ["low", "medium", "high"] as const;
export type Severity = (typeof severities)[number];

export const categories = [
  "p2p_lending",
  "cash_loan",
  "bank_card_trading",
  "micro_trading",
  "pyramid_selling",
  "false_advertising",
  "counterfeit",
  "elderly_scam",
  "license_display",
  "red_shield",
  "unregistered_entity",
  "identity_mismatch",
] as const;
export type Category = (typeof categories)[number];

/** Categories decided per site (one finding per domain), not per page. */
export const siteCategories: ReadonlySet<string> = new Set([
  "license_display",
  "red_shield",
  "unregistered_entity",
  "identity_mismatch",
]);
