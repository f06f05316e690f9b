// Builds real NextRequests for calling route handlers directly against the test database.
import { NextRequest } from "next/server";
import { sign } from "cookie-signature";
import { randomUUID } from "node:crypto";
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from "@/lib/identity/csrf-token";
import { OWNER_COOKIE } from "@/lib/identity/owner-cookie";

/** An owner's cookies as the browser holds them: the signed owner id and the double-submit token. */
export function newOwner(): { id: string; cookie: string } {
  const id = randomUUID();
  return {
    id,
    cookie: `${OWNER_COOKIE}=${encodeURIComponent(sign(id, process.env.PYLOT_SECRET!))}; ${CSRF_COOKIE}=${csrfTokenFor(id)}`,
  };
}

/** Like the page's api-client: echo the token cookie in the header (unless a test says not to). */
export function csrfHeaderFrom(cookie: string): string | undefined {
  const entry = cookie.split("; ").find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return entry?.slice(CSRF_COOKIE.length + 1);
}

export function request(
  method: string,
  path: string,
  opts: {
    cookie?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
    csrf?: boolean;
  } = {},
): NextRequest {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) {
    headers.cookie = opts.cookie;
    const token = csrfHeaderFrom(opts.cookie);
    if (token && opts.csrf !== false) headers[CSRF_HEADER] ??= token;
  }
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  return new NextRequest(new URL(path, "http://localhost:3000"), { method, headers, body, signal: opts.signal });
}

export function ctx<P extends Record<string, string | string[]>>(params: P) {
  return { params: Promise.resolve(params) };
}
