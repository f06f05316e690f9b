// Invite links for PYLOT_AUTH=invite: /sign-up?invite=<token>. Like share tokens
// (lib/sharing/share-token.ts) a token is an HMAC of the invite's id under the server's secret, so
// the admin can copy a link again while the database alone (which keeps only the sha256) cannot
// produce one. Single use, revocable, and valid for INVITE_DAYS days by default (invite-link.ts).
import { createHash, createHmac } from "node:crypto";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function secret(): string {
  const value = process.env.PYLOT_SECRET;
  if (!value || value.length < 16) throw new Error("PYLOT_SECRET is not set.");
  return value;
}

export function inviteTokenFor(inviteId: string, key: string = secret()): { token: string; tokenHash: string } {
  const token = createHmac("sha256", key).update(`pylot invite\0${inviteId}`, "utf8").digest("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isWellFormedInviteToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}
