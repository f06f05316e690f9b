// The user behind a request's session cookie: the signature is checked here, the session and its
// user are read in one query (lib/db/accounts.ts). No cookie: no query.
import "server-only";
import { sessionCookieValue, verifySessionCookie } from "@/lib/auth/session-cookie";
import { findSessionUser, type SessionUser } from "@/lib/db/accounts";

type CookieJar = { get(name: string): { value: string } | undefined };

export function hasSessionCookie(cookies: CookieJar): boolean {
  return sessionCookieValue(cookies) !== undefined;
}

export async function sessionUserOf(cookies: CookieJar): Promise<SessionUser | null> {
  const token = verifySessionCookie(sessionCookieValue(cookies));
  return token ? findSessionUser(token) : null;
}
