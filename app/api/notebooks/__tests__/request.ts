// Builds real NextRequests for calling route handlers directly against the test database.
import { NextRequest } from "next/server";
import { sign } from "cookie-signature";
import { randomUUID } from "node:crypto";
import { OWNER_COOKIE } from "@/lib/identity/owner-cookie";

export function newOwner(): { id: string; cookie: string } {
  const id = randomUUID();
  return { id, cookie: `${OWNER_COOKIE}=${encodeURIComponent(sign(id, process.env.PYLOT_SECRET!))}` };
}

export function request(
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): NextRequest {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  return new NextRequest(new URL(path, "http://localhost:3000"), { method, headers, body, signal: opts.signal });
}

export function ctx<P extends Record<string, string | string[]>>(params: P) {
  return { params: Promise.resolve(params) };
}
