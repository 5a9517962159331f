// Issuing a Red Shield e-label: the holder must exist, be in business, and hold every domain as
// one of its own websites; no domain may already carry an active label. All checks and the write
// happen in one transaction, audited.
import { audit } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { InputError, NotFoundError, RefusedError } from "../errors.ts";
import { logger } from "../log.ts";
import { chinaDate, chinaYear, endOfChinaDay, oneYearAfter, parseCalendarDate } from "./dates.ts";
import { holderRefusal } from "./holder-status.ts";
import { domainsInput, usccInput } from "./input.ts";
import { type LabelSummary, summarise } from "./list.ts";
import {
  activeLabelsFor,
  findHolder,
  type HolderRecord,
  insertLabel,
  type LabelStore,
  serialExists,
} from "./repository.ts";
import { newSerial } from "./serial.ts";

export type IssueLabelInput = {
  uscc: string;
  domains: string[];
  /** Last day of validity, YYYY-MM-DD (China Standard Time); default one year after today. */
  expiresOn?: string;
  actor: string;
  /** The issue time; tests pass an earlier one to produce labels that have since expired. */
  now?: Date;
};

const log = logger("labels");

export async function issueLabel(db: Db, input: IssueLabelInput): Promise<LabelSummary> {
  const now = input.now ?? new Date();
  const uscc = usccInput(input.uscc);
  const domains = domainsInput(input.domains);
  const expiresOn = expiryDate(input.expiresOn, now);
  const label = await db.prisma.$transaction(async (tx) => {
    // PostgreSQL runs transactions side by side: without this lock two issues for one domain
    // could both pass the "no active label" check. SQLite already serialises write transactions.
    if (db.provider === "postgresql") await tx.$queryRawUnsafe("SELECT pg_advisory_xact_lock(72410)::text");
    const holder = await eligibleHolder(tx, uscc);
    refuseDomainsNotHeld(holder, domains);
    await refuseDomainsAlreadyLabelled(tx, domains, now);
    const serial = await unusedSerial(tx, now);
    const created = await insertLabel(tx, {
      serial,
      entityId: holder.id,
      domains,
      issuedAt: now,
      expiresAt: endOfChinaDay(expiresOn),
      issuedBy: input.actor,
    });
    await audit(tx, {
      actor: input.actor,
      action: "label.issue",
      subjectType: "label",
      subjectId: serial,
      details: { uscc, domains, expiresOn },
    });
    return created;
  });
  log.info("label issued", { serial: label.serial, uscc, domains });
  return summarise(label, now);
}

function expiryDate(text: string | undefined, now: Date): string {
  const today = chinaDate(now);
  if (text === undefined) return oneYearAfter(today);
  const date = parseCalendarDate(text, "--expires");
  if (date <= today) {
    throw new InputError(
      `--expires: ${date} is not in the future (today is ${today})`,
      `--expires：有效期截止日 ${date} 必须晚于今天（${today}）`,
    );
  }
  return date;
}

async function eligibleHolder(store: LabelStore, uscc: string): Promise<HolderRecord> {
  const holder = await findHolder(store, uscc);
  if (!holder) {
    throw new NotFoundError(
      `no entity with USCC ${uscc} in the register; import it first`,
      `登记簿中没有统一社会信用代码为 ${uscc} 的主体，请先导入`,
    );
  }
  const refusal = holderRefusal(holder.status);
  if (refusal) {
    throw new RefusedError(
      `refused: ${holder.name} (${uscc}) cannot hold a label because ${refusal.reason}; registration status "${holder.status}"`,
      `不予签发：${holder.name}（${uscc}）登记状态为“${holder.status}”，${refusal.zhReason}`,
    );
  }
  return holder;
}

function refuseDomainsNotHeld(holder: HolderRecord, domains: string[]): void {
  const missing = domains.filter((d) => !holder.websiteDomains.includes(d));
  if (missing.length === 0) return;
  const held = holder.websiteDomains.join(", ") || "none";
  throw new RefusedError(
    `refused: ${missing.join(", ")} is not a website of ${holder.name} (${holder.uscc}) in the register (its websites: ${held})`,
    `不予签发：${missing.join("、")} 不是登记簿中 ${holder.name} 的网站域名`,
  );
}

async function refuseDomainsAlreadyLabelled(store: LabelStore, domains: string[], now: Date): Promise<void> {
  const active = await activeLabelsFor(store, domains, now);
  if (active.length === 0) return;
  const list = active.map((a) => `${a.domain} (${a.serial})`).join(", ");
  throw new RefusedError(
    `refused: an active label already covers ${list}; revoke it first or wait for it to expire`,
    `不予签发：${list} 已有有效的电子标识，请先撤销或待其到期`,
  );
}

/** A fresh serial; a collision of 55 random bits is practically impossible but costs one query. */
async function unusedSerial(store: LabelStore, now: Date): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const serial = newSerial(chinaYear(now));
    if (!(await serialExists(store, serial))) return serial;
  }
  throw new Error("could not find an unused label serial in 5 attempts");
}
