// The double-submit token that proves a request comes from Pylot's own page script, not from
// Python in the page's worker (which shares the origin and so the owner cookie). The page reads it
// from a non-httpOnly cookie and echoes it in a header; a worker has no document.cookie, so it
// cannot. Derived from the owner id with the shared secret: no state, same on every instance.
import { createHmac, timingSafeEqual } from "node:crypto";

export const CSRF_COOKIE = "pylot_csrf";
export const CSRF_HEADER = "x-pylot-csrf";

function secret(): string {
  const value = process.env.PYLOT_SECRET;
  if (!value || value.length < 16) throw new Error("PYLOT_SECRET is not set.");
  return value;
}

/** `key` defaults to PYLOT_SECRET (scripts that talk to a server pass its secret). */
export function csrfTokenFor(ownerId: string, key = secret()): string {
  return createHmac("sha256", key).update(`pylot-csrf:${ownerId}`).digest("base64url");
}

export function isValidCsrfToken(ownerId: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(csrfTokenFor(ownerId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const csrfCookieOptions = {
  // Readable by the page's script on purpose: that is the whole mechanism.
  httpOnly: false,
  sameSite: "strict" as const,
  path: "/",
  maxAge: 60 * 60 * 24 * 400,
  secure: process.env.PYLOT_SECURE_COOKIES === "1",
};
