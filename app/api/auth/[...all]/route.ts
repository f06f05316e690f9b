// Better Auth's endpoints (sign-up, sign-in, sign-out, sessions, passkeys, OpenID Connect, email
// links; lib/auth/auth.ts). Before
// Better Auth sees a request it passes the same checks as every other API route: a write from another
// origin is refused, and anything script can read the answer of (every fetch) must carry the
// double-submit header, which Python in the page's worker cannot produce. So a cell's fetch can
// neither sign the person out nor change their account, though it shares the cookies.
import type { NextRequest } from "next/server";
import { getAuth } from "@/lib/auth/auth";
import { onPublicOrigin } from "@/lib/auth/public-origin";
import { authErrorPage, redirectErrorCode } from "@/lib/auth/auth-error-page";
import { AppError, errorResponse } from "@/lib/http/app-error";
import { checkCsrfToken } from "@/lib/http/csrf";
import { readJson } from "@/lib/http/read-json";
import { checkSameOrigin } from "@/lib/http/same-origin";
import { PASSKEY_VERIFY_PATHS, passkeyVerifyBody } from "./schema";

async function handle(req: NextRequest): Promise<Response> {
  const passkeyVerify = req.method === "POST" && PASSKEY_VERIFY_PATHS.has(req.nextUrl.pathname);
  let authReq: Request;
  try {
    checkSameOrigin(req);
    checkCsrfToken(req);
    if (passkeyVerify) await readJson(req.clone(), passkeyVerifyBody);
    authReq = onPublicOrigin(req);
  } catch (err) {
    if (err instanceof AppError) return errorResponse(err);
    throw err;
  }
  // Better Auth's own error page would be a 200; ours says the same as a 400.
  if (req.method === "GET" && req.nextUrl.pathname === "/api/auth/error") {
    return authErrorPage(req.nextUrl.searchParams.get("error"));
  }
  const res = await getAuth().handler(authReq);
  if (req.method === "GET") {
    const code = redirectErrorCode(res, authReq.url);
    if (code) return authErrorPage(code);
  }
  // The plugin answers 500 when the authenticator's answer fails to verify (a bad signature, a
  // tampered attestation): that is the request's fault, so it is a 400 here.
  if (passkeyVerify && res.status === 500 && (await failureCode(res)) === "FAILED_TO_VERIFY_REGISTRATION") {
    return errorResponse(new AppError("bad_request", "The passkey's answer could not be verified; try again."));
  }
  return res;
}

async function failureCode(res: Response): Promise<unknown> {
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: unknown } | null;
  return body?.code;
}

export const GET = handle;
export const POST = handle;
