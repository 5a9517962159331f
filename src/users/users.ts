// Staff accounts: adding one (audited, without the password in any log or audit row), listing
// them, and checking a name and password at login.
import crypto from "node:crypto";
import { audit } from "../audit/index.ts";
import type { Db } from "../db/index.ts";
import { InputError, RefusedError } from "../errors.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { isRole, parseRole, type Role } from "./roles.ts";

export type UserSummary = { id: number; name: string; role: Role; createdAt: Date; disabledAt: Date | null };
export type AddUserInput = { name: string; role: string; password: string; actor: string };

const namePattern = /^[\p{L}\p{N}._-]{2,32}$/u;

type UserRow = { id: number; name: string; role: string; createdAt: Date; disabledAt: Date | null };

function toSummary(row: UserRow): UserSummary {
  // A role outside the list can only come from a hand-edited row: it gets the least access.
  const role = isRole(row.role) ? row.role : "viewer";
  return { id: row.id, name: row.name, role, createdAt: row.createdAt, disabledAt: row.disabledAt };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!namePattern.test(trimmed)) {
    throw new InputError(
      `NAME: "${trimmed}" must be 2-32 letters, digits, ".", "_" or "-"`,
      `用户名“${trimmed}”须为 2 至 32 个字母、数字或 . _ -`,
    );
  }
  return trimmed;
}

export async function addUser(db: Db, input: AddUserInput): Promise<UserSummary> {
  const name = checkName(input.name);
  const role = parseRole(input.role);
  const passwordHash = await hashPassword(input.password);
  const user = await db.prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { name }, select: { id: true } })) {
      throw new RefusedError(
        `refused: a user named "${name}" already exists`,
        `不予添加：用户“${name}”已存在`,
      );
    }
    const row = await tx.user.create({ data: { name, role, passwordHash } });
    await audit(tx, {
      actor: input.actor,
      action: "user.add",
      subjectType: "user",
      subjectId: name,
      details: { role },
    });
    return row;
  });
  return toSummary(user);
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.prisma.user.findMany({
    select: { id: true, name: true, role: true, createdAt: true, disabledAt: true },
    orderBy: { name: "asc" },
  });
  return rows.map(toSummary);
}

/** A hash of a random password, checked when the name is unknown so that both cases take as long. */
let decoyHash: Promise<string> | undefined;

/** The user when name and password match an enabled account, otherwise null. */
export async function verifyCredentials(db: Db, name: string, password: string): Promise<UserSummary | null> {
  const row = await db.prisma.user.findUnique({ where: { name: name.trim() } });
  if (!row) {
    decoyHash ??= hashPassword(crypto.randomUUID());
    await verifyPassword(password, await decoyHash);
    return null;
  }
  const matches = await verifyPassword(password, row.passwordHash);
  return matches && !row.disabledAt ? toSummary(row) : null;
}
