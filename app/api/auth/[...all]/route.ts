// Better Auth's endpoints (sign-up, sign-in, sign-out, sessions; lib/auth/auth.ts). Before Better
// Auth sees a request it passes the same checks as every other API route: a write from another
// origin is refused, and anything script can read the answer of (every fetch) must carry the
// double-submit header, which Python in the page's worker cannot produce. So a cell's fetch can
// neither sign the person out nor change their account, though it shares the cookies.
import type { NextRequest } from "next/server";
import { getAuth } from "@/lib/auth/auth";
import { AppError, errorResponse } from "@/lib/http/app-error";
import { checkCsrfToken } from "@/lib/http/csrf";
import { checkSameOrigin } from "@/lib/http/same-origin";

async function handle(req: NextRequest): Promise<Response> {
  try {
    checkSameOrigin(req);
    checkCsrfToken(req);
  } catch (err) {
    if (err instanceof AppError) return errorResponse(err);
    throw err;
  }
  return getAuth().handler(req);
}

export const GET = handle;
export const POST = handle;
