// Closed lists of the register's coded values: entity kinds (类型) and registration statuses
// (登记状态). The database stores the canonical value (English id for kinds, Chinese for statuses,
// as the registration system shows them); files may use either language or a known variant.

export const entityKinds = ["enterprise", "individual", "cooperative"] as const;
export type EntityKind = (typeof entityKinds)[number];

export const entityKindLabels: Readonly<Record<EntityKind, string>> = {
  enterprise: "企业",
  individual: "个体工商户",
  cooperative: "农民专业合作社",
};

export const registrationStatuses = [
  "存续",
  "在业",
  "停业",
  "迁入",
  "迁出",
  "清算",
  "吊销",
  "注销",
  "撤销",
] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

const statusEnglish: Readonly<Record<RegistrationStatus, string>> = {
  存续: "existing",
  在业: "operating",
  停业: "suspended",
  迁入: "moved_in",
  迁出: "moved_out",
  清算: "liquidating",
  吊销: "revoked",
  注销: "cancelled",
  撤销: "withdrawn",
};

// Spellings the national publicity system and local exports use for the same statuses.
const statusVariants: Readonly<Record<string, RegistrationStatus>> = {
  "存续（在营、开业、在册）": "存续",
  "存续(在营、开业、在册)": "存续",
  在营: "存续",
  开业: "存续",
  在册: "存续",
  "吊销，未注销": "吊销",
  "吊销,未注销": "吊销",
  吊销未注销: "吊销",
  "吊销，已注销": "注销",
  已注销: "注销",
  已吊销: "吊销",
};

/** Statuses under which an entity no longer trades lawfully: no e-label may be issued to it. */
export const revokedOrCancelled: readonly RegistrationStatus[] = ["吊销", "注销", "撤销"];

export function isRevokedOrCancelled(status: string): boolean {
  return (revokedOrCancelled as readonly string[]).includes(status);
}

export function parseEntityKind(text: string): EntityKind | null {
  const t = text.trim().toLowerCase();
  for (const kind of entityKinds) {
    if (t === kind || t === entityKindLabels[kind]) return kind;
  }
  return null;
}

export function parseRegistrationStatus(text: string): RegistrationStatus | null {
  const t = text.trim();
  if ((registrationStatuses as readonly string[]).includes(t)) return t as RegistrationStatus;
  const variant = statusVariants[t];
  if (variant) return variant;
  const lower = t.toLowerCase();
  return registrationStatuses.find((s) => statusEnglish[s] === lower) ?? null;
}

/** "enterprise (企业), individual (个体工商户), cooperative (农民专业合作社)" for messages. */
export function describeEntityKinds(): string {
  return entityKinds.map((k) => `${k} (${entityKindLabels[k]})`).join(", ");
}

export function describeRegistrationStatuses(): string {
  return registrationStatuses.map((s) => `${s} (${statusEnglish[s]})`).join(", ");
}
