// Requests that script can read the answer of (fetch, XHR, JSON imports, caches.add) must carry the
// double-submit header; Python running in the page's worker shares the cookie but cannot read it.
// Only navigations and image loads go without: script never sees their bodies.
import type { NextRequest } from "next/server";
import { AppError } from "./app-error";
import { CSRF_HEADER, isValidCsrfToken } from "@/lib/identity/csrf-token";
import { browserOwnerOf } from "@/lib/identity/request-owner";
import { hasSessionCookie } from "@/lib/identity/session-user";

const READ_METHODS = new Set(["GET", "HEAD"]);
export function isUnreadableByScript(req: Request): boolean {
  if (!READ_METHODS.has(req.method)) return false;
  const mode = req.headers.get("sec-fetch-mode");
  const dest = req.headers.get("sec-fetch-dest");
  // A worker's fetch() can be neither a navigation nor a no-cors image load.
  return mode === "navigate" || (dest === "image" && mode === "no-cors");
}

// The token is keyed on the browser's owner cookie, which every page load guarantees, also when the
// person is signed in (docs/adr/0007-accounts.md): the proxy can set it without a database lookup.
export function checkCsrfToken(req: NextRequest): void {
  if (isUnreadableByScript(req)) return;
  const owner = browserOwnerOf(req);
  // Without either cookie the request carries no ambient authority; the route answers 401 itself.
  if (!owner && !hasSessionCookie(req.cookies)) return;
  if (!owner || !isValidCsrfToken(owner, req.headers.get(CSRF_HEADER))) {
    throw new AppError(
      "forbidden",
      `Missing or wrong ${CSRF_HEADER} header: API calls must come from Pylot's page (reload it if this persists).`,
    );
  }
}
