// The owner of the page being rendered (server components). The proxy guarantees a cookie.
import { cookies } from "next/headers";
import { OWNER_COOKIE, verifyOwnerCookie } from "./owner-cookie";

export async function pageOwner(): Promise<string | null> {
  return verifyOwnerCookie((await cookies()).get(OWNER_COOKIE)?.value);
}
