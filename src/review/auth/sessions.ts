// Staff sessions in the Session table. The cookie carries a random token; the table keeps only
// its SHA-256, so a copy of the database cannot be used to sign in. A session ends after 8 hours
// without a request or 12 hours after sign-in, whichever comes first.
import crypto from "node:crypto";
import type { Db } from "../../db/index.ts";
import { isRole, type Role } from "../../users/index.ts";

export type SessionPolicy = { idleMs: number; absoluteMs: number; touchEveryMs: number };
export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 8 * 3600_000,
  absoluteMs: 12 * 3600_000,
  touchEveryMs: 60_000,
};

export type StaffUser = { id: number; name: string; role: Role };
export type StaffSession = { sessionId: number; csrfToken: string; user: StaffUser };

export function randomToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Db,
  userId: number,
  now: Date,
  policy: SessionPolicy,
): Promise<{ token: string }> {
  const token = randomToken();
  await db.prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.absoluteMs),
    },
  });
  return { token };
}

/** The live session for a cookie token, or null (an expired one is deleted on the way). */
export async function loadSession(
  db: Db,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<StaffSession | null> {
  if (!token || token.length > 100) return null;
  const session = await db.prisma.session.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!session) return null;
  const idleSince = now.getTime() - session.lastSeenAt.getTime();
  if (session.expiresAt <= now || idleSince > policy.idleMs) {
    await db.prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  const user = await db.prisma.user.findUnique({ where: { id: session.userId } });
  if (!user || user.disabledAt || !isRole(user.role)) return null;
  if (idleSince > policy.touchEveryMs) {
    await db.prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: session.id,
    csrfToken: session.csrfToken,
    user: { id: user.id, name: user.name, role: user.role },
  };
}

export async function deleteSession(db: Db, sessionId: number): Promise<void> {
  await db.prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Constant-time comparison of a submitted token with the expected one. */
export function tokensMatch(given: unknown, expected: string): boolean {
  if (typeof given !== "string" || given.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
