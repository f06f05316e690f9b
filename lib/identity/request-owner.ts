// Who is asking: the owner id from the request's signed cookie.
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/http/app-error";
import { OWNER_COOKIE, verifyOwnerCookie } from "./owner-cookie";

export function ownerOf(req: NextRequest): string | null {
  return verifyOwnerCookie(req.cookies.get(OWNER_COOKIE)?.value);
}

export function requireOwner(req: NextRequest): string {
  const owner = ownerOf(req);
  if (!owner) throw new AppError("unauthorized", "No valid owner cookie: open the app's home page first.");
  return owner;
}
