// The invite check on sign-up (PYLOT_AUTH=invite): Better Auth's user-create hook calls it before
// the account is written, with the sign-up request's headers. The sign-up form sends the invite
// link's token in a header (INVITE_HEADER), so Better Auth's own body schema is left as it is.
import "server-only";
import { APIError } from "better-auth/api";
import { INVITE_HEADER, INVITE_INVALID, INVITE_NEEDED } from "@/lib/admin/invite-link";
import { hashInviteToken, isWellFormedInviteToken } from "@/lib/admin/invite-token";
import { claimInvite, recordInviteUser } from "@/lib/db/invites";
import { authMode } from "./auth-mode";

function inviteHashIn(headers: Headers | undefined): { present: boolean; hash: string | null } {
  const raw = headers?.get(INVITE_HEADER)?.trim();
  if (!raw) return { present: false, hash: null };
  return { present: true, hash: isWellFormedInviteToken(raw) ? hashInviteToken(raw) : null };
}

/** Refuses a sign-up without a usable invite; claims the invite it names. */
export async function checkInviteOnSignUp(headers: Headers | undefined): Promise<void> {
  if (authMode() !== "invite") return;
  const { present, hash } = inviteHashIn(headers);
  const claim = await claimInvite(hash);
  if (claim === "invalid") throw new APIError("FORBIDDEN", { message: present ? INVITE_INVALID : INVITE_NEEDED });
}

export async function recordInviteOnSignUp(headers: Headers | undefined, userId: string): Promise<void> {
  if (authMode() !== "invite") return;
  const { hash } = inviteHashIn(headers);
  if (hash) await recordInviteUser(hash, userId);
}
