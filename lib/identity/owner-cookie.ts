// The owner identity: a random id in a signed, httpOnly, SameSite cookie (no accounts yet).
import { sign, unsign } from "cookie-signature";
import { randomUUID } from "node:crypto";
import { isUuid } from "./uuid";

export const OWNER_COOKIE = "pylot_owner";
/** Long-lived: losing the cookie means losing access to one's notebooks. */
export const OWNER_COOKIE_MAX_AGE = 60 * 60 * 24 * 400;

function secret(): string {
  const value = process.env.PYLOT_SECRET;
  if (!value || value.length < 16) {
    throw new Error("PYLOT_SECRET is not set (npm start generates one in the data directory).");
  }
  return value;
}

export function newOwnerCookieValue(): { ownerId: string; value: string } {
  const ownerId = randomUUID();
  return { ownerId, value: sign(ownerId, secret()) };
}

/** The owner id if the cookie value carries a valid signature, else null. */
export function verifyOwnerCookie(value: string | undefined | null): string | null {
  if (!value) return null;
  const ownerId = unsign(value, secret());
  return isUuid(ownerId) ? ownerId : null;
}

export const ownerCookieOptions = {
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  maxAge: OWNER_COOKIE_MAX_AGE,
  secure: process.env.PYLOT_SECURE_COOKIES === "1",
};
