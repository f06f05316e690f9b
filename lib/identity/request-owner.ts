// Who is asking, for API routes. The route wrapper (lib/http/route.ts) resolves the identity once
// per request (one indexed query when a session cookie is present, none otherwise); handlers then
// read it synchronously with ownerOf / requireOwner.
import "server-only";
import type { NextRequest } from "next/server";
import { authMode } from "@/lib/auth/auth-mode";
import { AppError } from "@/lib/http/app-error";
import { decideIdentity, type Identity } from "./identity";
import { OWNER_COOKIE, verifyOwnerCookie } from "./owner-cookie";
import { sessionUserOf } from "./session-user";

const resolved = new WeakMap<Request, Identity>();

/** The browser's anonymous owner id from its signed cookie (also the CSRF token's key), or null. */
export function browserOwnerOf(req: NextRequest): string | null {
  return verifyOwnerCookie(req.cookies.get(OWNER_COOKIE)?.value);
}

export async function resolveIdentity(req: NextRequest): Promise<Identity> {
  const known = resolved.get(req);
  if (known) return known;
  const identity = decideIdentity(authMode(), await sessionUserOf(req.cookies), browserOwnerOf(req));
  resolved.set(req, identity);
  return identity;
}

function identityOf(req: NextRequest): Identity {
  const identity = resolved.get(req);
  // A programming error, not a request's: every route handler runs inside route().
  if (!identity) throw new Error("The request's identity was not resolved (wrap the handler in route()).");
  return identity;
}

/** The owner id the request acts as, or null. */
export function ownerOf(req: NextRequest): string | null {
  const identity = identityOf(req);
  return identity.kind === "nobody" ? null : identity.ownerId;
}

export function requireOwner(req: NextRequest): string {
  const identity = identityOf(req);
  if (identity.kind !== "nobody") return identity.ownerId;
  throw new AppError(identity.status === 401 ? "unauthorized" : "forbidden", identity.message);
}

/** The signed-in user, or a 401/403 (routes that exist only for accounts: sessions). */
export function requireUser(req: NextRequest): Extract<Identity, { kind: "user" }> {
  const identity = identityOf(req);
  if (identity.kind === "user") return identity;
  if (identity.kind === "nobody")
    throw new AppError(identity.status === 401 ? "unauthorized" : "forbidden", identity.message);
  throw new AppError("unauthorized", "Sign in first: this is about an account.");
}
