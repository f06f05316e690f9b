// The admin page's users (issue 14): the list with what each stores and spent today, and the
// actions on an account. The rules that keep an instance administrable hold here, in the same
// transaction as the change: nobody disables or deletes themselves, and the last admin stays one.
import "server-only";
import { AppError } from "@/lib/http/app-error";
import { getDb, poolQuery } from "./client";

export interface AdminUserRow {
  id: string;
  email: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  role: "admin" | "user";
  disabled: boolean;
  notebooks: number;
  files: number;
  runs: number;
  shareLinks: number;
  /** Bytes of files and cell outputs (what the storage quota counts). */
  storageBytes: number;
  spendTodayUsd: number;
}

export async function listUsersForAdmin(): Promise<AdminUserRow[]> {
  const { rows } = await poolQuery<
    Omit<AdminUserRow, "notebooks" | "files" | "runs" | "shareLinks" | "storageBytes"> & Record<string, unknown>
  >({
    text: `
      WITH today AS (SELECT date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AS t)
      SELECT u.id::text, u.email, u."createdAt", u.role, u.disabled,
        (SELECT max(s."updatedAt") FROM "Session" s WHERE s."userId" = u.id) AS "lastSeenAt",
        (SELECT count(*) FROM "Notebook" n WHERE n."ownerId" = u.id)::int AS notebooks,
        (SELECT count(*) FROM "File" f JOIN "Notebook" n ON n.id = f."notebookId" WHERE n."ownerId" = u.id)::int AS files,
        (SELECT count(*) FROM "AgentRun" r WHERE r."ownerId" = u.id)::int AS runs,
        (SELECT count(*) FROM "ShareLink" l JOIN "Notebook" n ON n.id = l."notebookId"
          WHERE n."ownerId" = u.id AND l."revokedAt" IS NULL)::int AS "shareLinks",
        ((SELECT coalesce(sum(f.size), 0) FROM "File" f JOIN "Notebook" n ON n.id = f."notebookId" WHERE n."ownerId" = u.id)
          + (SELECT coalesce(sum(octet_length(c.outputs::text)) FILTER (WHERE c.outputs <> '[]'::jsonb), 0)
               FROM "Cell" c JOIN "Notebook" n ON n.id = c."notebookId" WHERE n."ownerId" = u.id))::float8 AS "storageBytes",
        (SELECT coalesce(sum(r."costUsd"), 0) FROM "AgentRun" r, today
          WHERE r."ownerId" = u.id AND r."createdAt" >= today.t)::float8 AS "spendTodayUsd"
      FROM "User" u ORDER BY u."createdAt", u.id`,
    values: [],
  });
  return rows as unknown as AdminUserRow[];
}

async function lockAdmins(tx: { $executeRawUnsafe(q: string): Promise<number> }) {
  // Two admins demoting each other at once must not leave none: role changes serialize here.
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('pylot:admins'))`);
}

function notYourself(actorId: string, userId: string, what: string) {
  if (actorId === userId) throw new AppError("conflict", `You cannot ${what} your own account here.`);
}

/** Disables (and signs out everywhere) or enables an account. */
export async function setUserDisabled(actorId: string, userId: string, disabled: boolean): Promise<void> {
  if (disabled) notYourself(actorId, userId, "disable");
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId }, data: { disabled } });
    if (count === 0) throw new AppError("not_found", "No such user.");
    // A disabled user's sessions end now: their browsers are signed out on the next request.
    if (disabled) await tx.session.deleteMany({ where: { userId } });
  });
}

export async function setUserRole(userId: string, role: "admin" | "user"): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.role === "admin" && role === "user") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1)
        throw new AppError("conflict", "This is the instance's last admin; make someone else admin first.");
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
  });
}

export interface DeletedUser {
  notebooks: number;
}

/**
 * Deletes an account and everything it owns, in one transaction: its notebooks (with their cells,
 * files, runs, messages and share links), its runs' spend records, write receipts, sessions and
 * sign-in methods. Invites it made or used stay, without the name.
 */
export async function deleteUserAndData(actorId: string, userId: string): Promise<DeletedUser> {
  notYourself(actorId, userId, "delete");
  return getDb().$transaction(async (tx) => {
    await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1)
      throw new AppError("conflict", "This is the instance's last admin; make someone else admin first.");
    const { count: notebooks } = await tx.notebook.deleteMany({ where: { ownerId: userId } });
    await tx.agentRun.deleteMany({ where: { ownerId: userId } });
    await tx.spendReservation.deleteMany({ where: { ownerId: userId } });
    await tx.writeReceipt.deleteMany({ where: { ownerId: userId } });
    await tx.user.delete({ where: { id: userId } });
    return { notebooks };
  });
}
