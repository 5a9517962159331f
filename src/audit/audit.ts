// The audit log: append-only rows of who did what to which subject. Every state change made by
// staff or by the CLI on their behalf goes through here.
import os from "node:os";
import type { Prisma } from "../db/index.ts";

export type AuditEntry = {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  details?: Record<string, unknown>;
};

/** Something that can create audit rows: the client itself or a transaction client. */
type AuditWriter = Pick<Prisma, "auditLog">;

export async function audit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: String(entry.subjectId),
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

export async function auditMany(db: AuditWriter, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.auditLog.createMany({
    data: entries.map((e) => ({
      actor: e.actor,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: String(e.subjectId),
      details: JSON.stringify(e.details ?? {}),
    })),
  });
}

/** The actor recorded for command-line actions: the operating-system user. */
export function cliActor(): string {
  return `cli:${os.userInfo().username}`;
}
