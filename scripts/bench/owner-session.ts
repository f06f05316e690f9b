// An owner as a benchmark client presents itself: the signed owner cookie, the double-submit
// token cookie and the header that echoes it (what the page's api-client sends).
import { sign } from "cookie-signature";
import { randomUUID } from "node:crypto";
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from "../../lib/identity/csrf-token";

export interface OwnerSession {
  cookie: string;
  headers: Record<string, string>;
}

export function ownerSession(secret: string): OwnerSession {
  const id = randomUUID();
  const token = csrfTokenFor(id, secret);
  const cookie = `pylot_owner=${encodeURIComponent(sign(id, secret))}; ${CSRF_COOKIE}=${token}`;
  return { cookie, headers: { cookie, [CSRF_HEADER]: token } };
}

/** Headers for a request carrying `cookie` (as built by ownerSession), token echoed. */
export function sessionHeaders(cookie: string): Record<string, string> {
  const token =
    cookie
      .split("; ")
      .find((c) => c.startsWith(`${CSRF_COOKIE}=`))
      ?.slice(CSRF_COOKIE.length + 1) ?? "";
  return { cookie, [CSRF_HEADER]: token };
}
