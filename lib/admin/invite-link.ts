// Invite links for PYLOT_AUTH=invite, as the browser and the server both name them: the sign-up
// page's address, the header the sign-up form sends the token in, an invite's state and the
// messages of a refused sign-up. (The tokens themselves are made on the server: invite-token.ts.)

export const INVITE_DAYS = 7;
export const INVITE_HEADER = "x-pylot-invite";

export function invitePath(token: string): string {
  return `/sign-up?invite=${token}`;
}

export type InviteState = "open" | "used" | "revoked" | "expired";

export function inviteState(
  i: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InviteState {
  if (i.usedAt) return "used";
  if (i.revokedAt) return "revoked";
  if (i.expiresAt.getTime() <= now.getTime()) return "expired";
  return "open";
}

export const INVITE_NEEDED = "This Pylot instance is invite-only: ask its admin for an invite link.";
export const INVITE_INVALID =
  "This invite link cannot be used: it was already used, revoked or has expired. Ask the admin for a new one.";
