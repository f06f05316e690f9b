// Gives a first visit its owner identity: a signed, httpOnly cookie, set on the response and
// on the request itself so the page rendered for this very request already sees it.
import { NextResponse, type NextRequest } from "next/server";
import { newOwnerCookieValue, OWNER_COOKIE, ownerCookieOptions, verifyOwnerCookie } from "@/lib/identity/owner-cookie";

export function proxy(request: NextRequest) {
  if (verifyOwnerCookie(request.cookies.get(OWNER_COOKIE)?.value)) return NextResponse.next();
  const { value } = newOwnerCookieValue();
  request.cookies.set(OWNER_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(OWNER_COOKIE, value, ownerCookieOptions);
  return response;
}

export const config = {
  // Pages only: API routes answer 401 without a cookie, static assets need none.
  matcher: ["/((?!api|_next|pyodide|monaco|bench|py-worker|favicon).*)"],
};
