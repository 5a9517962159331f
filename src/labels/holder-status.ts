// Which registration statuses (登记状态) may hold a Red Shield e-label.
//
// A label tells the public "the operator of this site is a registered market entity that is in
// business". The register's status text varies between registration systems (存续, 在业, 开业,
// "吊销，未注销", ...), so statuses that refuse are recognised by keyword, in this order:
// - 吊销 (licence revoked) and 撤销 (registration revoked): no longer lawfully in business.
//   Checked first, because "吊销，未注销" contains 注销 but means revoked-not-yet-cancelled.
// - 注销 (cancelled): the entity no longer exists.
// - 迁出 (moved out): registered with another authority now; this bureau cannot vouch for it,
//   the new one issues its own label.
// - 停业 / 歇业 (business suspended): not trading, so a label would certify an activity that has
//   stopped; it may be issued again when the entity resumes.
// Every other status (存续, 在业, 开业, 在册 ...) may hold a label.

export type HolderRefusal = { status: string; reason: string; zhReason: string };

const refusingKeywords: ReadonlyArray<{ keyword: string; reason: string; zhReason: string }> = [
  { keyword: "吊销", reason: "its business licence is revoked (吊销)", zhReason: "该主体已被吊销营业执照" },
  { keyword: "撤销", reason: "its registration is revoked (撤销)", zhReason: "该主体的登记已被撤销" },
  { keyword: "注销", reason: "it is cancelled (注销)", zhReason: "该主体已注销" },
  {
    keyword: "迁出",
    reason: "it has moved to another registration authority (迁出)",
    zhReason: "该主体已迁出本局辖区，应由迁入地登记机关办理",
  },
  { keyword: "停业", reason: "its business is suspended (停业)", zhReason: "该主体处于停业状态" },
  { keyword: "歇业", reason: "its business is suspended (歇业)", zhReason: "该主体处于歇业状态" },
];

/** Null when an entity with this registration status may hold a label, else why not. */
export function holderRefusal(status: string): HolderRefusal | null {
  const hit = refusingKeywords.find((k) => status.includes(k.keyword));
  return hit ? { status, reason: hit.reason, zhReason: hit.zhReason } : null;
}
