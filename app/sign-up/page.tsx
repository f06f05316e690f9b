import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/account/auth-form";
import { AuthPage } from "@/components/account/auth-page";
import { authMode } from "@/lib/auth/auth-mode";
import { safeNextPath } from "@/lib/auth/safe-next";
import { oidcSettings } from "@/lib/auth/oidc";
import { pageIdentity } from "@/lib/identity/page-owner";

export const metadata: Metadata = { title: "Create an account · Pylot" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: Search }) {
  const next = safeNextPath((await searchParams).next);
  if ((await pageIdentity()).kind === "user") redirect(next);
  const lead =
    authMode() === "open"
      ? "The notebooks of this browser move into your account, and follow you to other browsers."
      : "Your notebooks, in any browser.";
  return (
    <AuthPage title="Create an account" lead={lead}>
      <AuthForm oidcName={oidcSettings()?.name} kind="sign-up" next={next} />
    </AuthPage>
  );
}
