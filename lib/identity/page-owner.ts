// The identity of the page being rendered (server components): the same decision as for API
// routes (identity.ts), from the page's cookies. Pages that need an owner send nobody to sign in
// when the instance requires accounts, and a disabled user to the sign-in page's explanation.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { accountsRequired, authMode } from "@/lib/auth/auth-mode";
import { decideIdentity, type Identity } from "./identity";
import { OWNER_COOKIE, verifyOwnerCookie } from "./owner-cookie";
import { PATH_HEADER } from "./page-path";
import { sessionUserOf } from "./session-user";

/** Once per render: the page and its metadata share it. */
export const pageIdentity = cache(async (): Promise<Identity> => {
  const jar = await cookies();
  return decideIdentity(authMode(), await sessionUserOf(jar), verifyOwnerCookie(jar.get(OWNER_COOKIE)?.value));
});

export async function signInPath(): Promise<string> {
  const back = (await headers()).get(PATH_HEADER);
  return back && back !== "/" ? `/sign-in?next=${encodeURIComponent(back)}` : "/sign-in";
}

/** The owner id of the page, or a redirect to sign in where the instance requires it. */
export async function pageOwner(): Promise<string | null> {
  const identity = await pageIdentity();
  if (identity.kind !== "nobody") return identity.ownerId;
  if (identity.status === 403) redirect("/sign-in?disabled=1");
  if (accountsRequired()) redirect(await signInPath());
  return null;
}
