// Reads Better Auth's session cookie without a round trip through Better Auth: the value is
// `<token>.<base64 HMAC-SHA256 of the token under the auth secret>` (better-call's signed cookie),
// URL-encoded. A forged or garbled value is rejected here, before any database lookup.
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "./auth-secret";

export const AUTH_COOKIE_PREFIX = "pylot";
export const SESSION_COOKIE = `${AUTH_COOKIE_PREFIX}.session_token`;
/** Over HTTPS (PYLOT_SECURE_COOKIES=1) Better Auth adds the __Secure- prefix. */
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

type CookieJar = { get(name: string): { value: string } | undefined };

/** The raw cookie value (signed), whichever of the two names carries it. */
export function sessionCookieValue(cookies: CookieJar): string | undefined {
  return cookies.get(SECURE_SESSION_COOKIE)?.value ?? cookies.get(SESSION_COOKIE)?.value;
}

/** The session token if the cookie's signature is valid, else null. */
export function verifySessionCookie(value: string | undefined, secret = authSecret()): string | null {
  if (!value) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const dot = decoded.lastIndexOf(".");
  if (dot <= 0) return null;
  const token = decoded.slice(0, dot);
  const given = Buffer.from(decoded.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}
