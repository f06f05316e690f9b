// Accounts on the request path (docs/adr/0007-accounts.md): the session behind a cookie, a user's
// sessions, and adopting an anonymous owner's notebooks into an account. Better Auth writes its own
// rows through its Prisma adapter (lib/auth/auth.ts); these are the reads and writes Pylot adds.
import "server-only";
import { getDb, poolQuery } from "./client";

export interface SessionUser {
  sessionId: string;
  userId: string;
  email: string;
  role: "admin" | "user";
  disabled: boolean;
}

/** A session is shown as "last seen" at most this stale; touching it on every request would write on every request. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

/** The live (unexpired) session with this token and its user, or null. One indexed query. */
export async function findSessionUser(token: string, now = new Date()): Promise<SessionUser | null> {
  const { rows } = await poolQuery<SessionUser & { updatedAt: Date }>({
    name: "session_user_find",
    text: `SELECT s.id AS "sessionId", s."userId", s."updatedAt", u.email, u.role, u.disabled
             FROM "Session" s JOIN "User" u ON u.id = s."userId"
            WHERE s.token = $1 AND s."expiresAt" > $2`,
    values: [token, now],
  });
  const row = rows[0];
  if (!row) return null;
  if (now.getTime() - row.updatedAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    // Off the request's path: "last seen" is a convenience, never worth failing a request for.
    void poolQuery({
      text: `UPDATE "Session" SET "updatedAt" = $2 WHERE id = $1::uuid`,
      values: [row.sessionId, now],
    }).catch((err) => console.warn("[auth] could not record a session's last use:", err));
  }
  return { sessionId: row.sessionId, userId: row.userId, email: row.email, role: row.role, disabled: row.disabled };
}

export interface SessionSummary {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

export async function listUserSessions(userId: string, now = new Date()): Promise<SessionSummary[]> {
  const rows = await getDb().session.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { id: true, userAgent: true, ipAddress: true, createdAt: true, updatedAt: true },
    orderBy: { updatedAt: "desc" },
  });
  return rows.map(({ updatedAt, ...s }) => ({ ...s, lastSeenAt: updatedAt }));
}

/** Ends one of the user's sessions; false when the user has no such session. */
export async function revokeUserSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await getDb().session.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
}

export interface Adopted {
  notebooks: number;
}

/**
 * Moves everything an anonymous owner has into the account, in one transaction: notebooks (their
 * cells, files, runs' messages and share links hang off the notebook), agent runs and spend
 * reservations (so the per-owner daily budget keeps counting them). Afterwards the anonymous
 * cookie names an owner with nothing.
 */
export async function adoptAnonymousOwner(anonymousOwnerId: string, userId: string): Promise<Adopted> {
  if (anonymousOwnerId === userId) return { notebooks: 0 };
  // Raw statements: Prisma's updateMany would bump Notebook.updatedAt, and adoption edits nothing.
  return getDb().$transaction(async (tx) => {
    const notebooks =
      await tx.$executeRaw`UPDATE "Notebook" SET "ownerId" = ${userId}::uuid WHERE "ownerId" = ${anonymousOwnerId}::uuid`;
    await tx.$executeRaw`UPDATE "AgentRun" SET "ownerId" = ${userId}::uuid WHERE "ownerId" = ${anonymousOwnerId}::uuid`;
    await tx.$executeRaw`UPDATE "SpendReservation" SET "ownerId" = ${userId}::uuid WHERE "ownerId" = ${anonymousOwnerId}::uuid`;
    return { notebooks };
  });
}

/** Whether a user is disabled (null: no such user). */
export async function isUserDisabled(userId: string): Promise<boolean | null> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { disabled: true } });
  return user ? user.disabled : null;
}
