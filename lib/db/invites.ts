// Invite links (lib/admin/invite-token.ts): made and revoked by admins on /admin, claimed once by
// a sign-up in PYLOT_AUTH=invite mode (lib/auth/auth.ts's user hook).
import "server-only";
import { randomUUID } from "node:crypto";
import { INVITE_DAYS, type InviteState, inviteState } from "@/lib/admin/invite-link";
import { inviteTokenFor } from "@/lib/admin/invite-token";
import { getDb } from "./client";

export interface InviteSummary {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  state: InviteState;
  usedByEmail: string | null;
  /** The link's token, when this server's secret made it (it can be copied again). */
  token: string;
}

export async function createInvite(createdById: string | null, days = INVITE_DAYS): Promise<InviteSummary> {
  const id = randomUUID();
  const { token, tokenHash } = inviteTokenFor(id);
  const expiresAt = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  const row = await getDb().invite.create({
    data: { id, tokenHash, createdById, expiresAt },
    select: { id: true, createdAt: true, expiresAt: true },
  });
  return { ...row, state: "open", usedByEmail: null, token };
}

/** The newest invites first (at most 50: older ones are history). */
export async function listInvites(now = new Date()): Promise<InviteSummary[]> {
  const rows = await getDb().invite.findMany({
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      usedBy: { select: { email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    state: inviteState(r, now),
    usedByEmail: r.usedBy?.email ?? null,
    token: inviteTokenFor(r.id).token,
  }));
}

/** Revokes an unused invite; false when there is no such invite or it was used already. */
export async function revokeInvite(id: string): Promise<boolean> {
  const { count } = await getDb().invite.updateMany({
    where: { id, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

export type InviteClaim = "first_account" | "claimed" | "invalid";

/**
 * Takes an invite for a sign-up about to be written: single use, so the claim is one conditional
 * UPDATE. An instance with no account yet needs none (its first account becomes the admin).
 */
export async function claimInvite(tokenHash: string | null): Promise<InviteClaim> {
  const db = getDb();
  if ((await db.user.count()) === 0) return "first_account";
  if (!tokenHash) return "invalid";
  const now = new Date();
  const { count } = await db.invite.updateMany({
    where: { tokenHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count > 0 ? "claimed" : "invalid";
}

/** Records who used a claimed invite, once their account exists. */
export async function recordInviteUser(tokenHash: string, userId: string): Promise<void> {
  // Only a claimed invite: the first account of an instance names one it did not need.
  await getDb().invite.updateMany({
    where: { tokenHash, usedAt: { not: null }, usedById: null },
    data: { usedById: userId },
  });
}

/** Whether the instance has an account yet (the first needs no invite). */
export async function hasAnyUser(): Promise<boolean> {
  return (await getDb().user.findFirst({ select: { id: true } })) !== null;
}
