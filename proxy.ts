// Runs before every page (not the API or static assets):
// - gives a first visit its owner identity (a signed, httpOnly cookie) and the page its
//   double-submit token cookie (lib/identity/csrf-token.ts), set on the request too so the page
//   rendered for this very request already sees them;
// - sets a per-request nonce Content-Security-Policy;
// - owner pages (the list and notebooks) carry the person's data in their HTML, so they answer
//   navigations only: a fetch() of them (e.g. from Python in the page's worker, which shares the
//   cookie) is refused. The app moves between owner pages with full navigations, never RSC fetches.
// - PYLOT_AUTH=required: an owner page without a session cookie goes to /sign-in (and back after);
//   a session cookie that no longer names a live session is caught by the page itself
//   (lib/identity/page-owner.ts), which needs the database. The anonymous owner cookie is still
//   given: it keys the double-submit token before and after signing in.
// Shared pages (/s/<token>…) do not pass through here: their routes apply the share-lookup rate
// limit themselves (lib/sharing/share-lookup-limit.ts), set their own headers (noindex,
// no-referrer, a fixed CSP — the share page is cached and has no script, so no nonce), and the
// share page gives a first-time reader their owner cookie itself (for "Make a copy").
import { NextResponse, type NextRequest } from "next/server";
import { accountsRequired } from "@/lib/auth/auth-mode";
import { sessionCookieValue, verifySessionCookie } from "@/lib/auth/session-cookie";
import { PATH_HEADER } from "@/lib/identity/page-path";
import { CSRF_COOKIE, csrfCookieOptions, csrfTokenFor } from "@/lib/identity/csrf-token";
import { mayMintOwner, ownerMintRefusal } from "@/lib/identity/owner-mint-limit";
import { newOwnerCookieValue, OWNER_COOKIE, ownerCookieOptions, verifyOwnerCookie } from "@/lib/identity/owner-cookie";
import { contentSecurityPolicy, newNonce } from "@/lib/security/content-security-policy";

const OWNER_PAGE = /^\/((notebooks|account|admin)(\/.*)?)?$/;

function plain(status: number, text: string) {
  return new NextResponse(text, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const mode = request.headers.get("sec-fetch-mode");
  if (OWNER_PAGE.test(path) && mode && mode !== "navigate") {
    return plain(403, "Pylot pages answer navigations only; use the API with its token.");
  }
  const required = accountsRequired();
  if (required && OWNER_PAGE.test(path) && !sessionCookieValue(request.cookies)) {
    const back = path + request.nextUrl.search;
    const target = new URL(back === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(back)}`, request.url);
    return NextResponse.redirect(target, 303);
  }
  const set: { name: string; value: string; options: object }[] = [];
  let ownerId = verifyOwnerCookie(request.cookies.get(OWNER_COOKIE)?.value);
  if (!ownerId) {
    // Each new owner has its own run rate: an address may make only so many (owner-mint-limit.ts).
    // Where accounts are required an anonymous owner can do nothing, so there is nothing to limit;
    // nor for a signed-in browser that lost its owner cookie (its requests act as the account).
    const signedIn = verifySessionCookie(sessionCookieValue(request.cookies)) !== null;
    if (!required && !signedIn && !mayMintOwner(request.headers)) return ownerMintRefusal();
    const fresh = newOwnerCookieValue();
    ownerId = fresh.ownerId;
    set.push({ name: OWNER_COOKIE, value: fresh.value, options: ownerCookieOptions });
  }
  const csrf = csrfTokenFor(ownerId);
  if (request.cookies.get(CSRF_COOKIE)?.value !== csrf)
    set.push({ name: CSRF_COOKIE, value: csrf, options: csrfCookieOptions });
  for (const c of set) request.cookies.set(c.name, c.value);

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set(PATH_HEADER, path + request.nextUrl.search);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  for (const c of set) response.cookies.set(c.name, c.value, c.options);
  return response;
}

export const config = {
  // Pages only: API routes answer 401 without a cookie, static assets need none, shared pages
  // (s/…) handle their own limit and headers.
  matcher: ["/((?!api|_next|pyodide|monaco|katex|bench|py-worker|favicon|icon.svg|s/).*)"],
};
