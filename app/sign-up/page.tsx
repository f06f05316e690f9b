import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/account/auth-form";
import { AuthPage } from "@/components/account/auth-page";
import { authMode } from "@/lib/auth/auth-mode";
import { safeNextPath } from "@/lib/auth/safe-next";
import { oidcSettings } from "@/lib/auth/oidc";
import { hasAnyUser } from "@/lib/db/invites";
import { pageIdentity } from "@/lib/identity/page-owner";

export const metadata: Metadata = { title: "Create an account · Pylot" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const next = safeNextPath(search.next);
  if ((await pageIdentity()).kind === "user") redirect(next);
  const mode = authMode();
  const lead =
    mode === "open"
      ? "The notebooks of this browser move into your account, and follow you to other browsers."
      : "Your notebooks, in any browser.";
  const invite = typeof search.invite === "string" ? search.invite : undefined;
  // Invite-only: say so up front, unless this is the instance's first account (it needs no invite).
  const notice =
    mode === "invite" && !invite && (await hasAnyUser())
      ? "This Pylot instance is invite-only: ask its admin for an invite link."
      : undefined;
  return (
    <AuthPage title="Create an account" lead={lead}>
      <AuthForm oidcName={oidcSettings()?.name} kind="sign-up" next={next} invite={invite} notice={notice} />
    </AuthPage>
  );
}
