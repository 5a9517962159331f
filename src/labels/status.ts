// The named states of a label as the public sees it. "not_issued" is a serial nobody issued
// (or a malformed one): the verification page must say so plainly.

export const labelStatuses = ["valid", "expired", "revoked", "not_issued"] as const;
export type LabelStatus = (typeof labelStatuses)[number];
export type IssuedLabelStatus = Exclude<LabelStatus, "not_issued">;

/** Revocation wins over expiry: a revoked label stays "revoked" after its expiry date. */
export function labelStatus(
  label: { revokedAt: Date | null; expiresAt: Date },
  now: Date,
): IssuedLabelStatus {
  if (label.revokedAt) return "revoked";
  return label.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}
