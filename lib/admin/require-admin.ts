// The admin routes' check, on every request: the signed-in user's role as read with their session
// in this request (so a demoted admin loses access at once). Anyone else: 401 without an account,
// 403 with one.
import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/http/app-error";
import { requireUser } from "@/lib/identity/request-owner";

export const ADMINS_ONLY = "Only the instance's admins can do this.";

export function requireAdmin(req: NextRequest) {
  const identity = requireUser(req);
  if (identity.user.role !== "admin") throw new AppError("forbidden", ADMINS_ONLY);
  return identity.user;
}
