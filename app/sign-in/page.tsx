import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/account/auth-form";
import { AuthPage } from "@/components/account/auth-page";
import { safeNextPath } from "@/lib/auth/safe-next";
import { oidcSettings } from "@/lib/auth/oidc";
import { emailFlowsEnabled } from "@/lib/auth/email-flows";
import { ACCOUNT_DISABLED } from "@/lib/identity/identity";
import { pageIdentity } from "@/lib/identity/page-owner";

export const metadata: Metadata = { title: "Sign in · Pylot" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const query = await searchParams;
  const next = safeNextPath(query.next);
  if ((await pageIdentity()).kind === "user") redirect(next);
  return (
    <AuthPage title="Sign in" lead="Your notebooks, in any browser.">
      <AuthForm
        oidcName={oidcSettings()?.name}
        emailFlows={emailFlowsEnabled()}
        kind="sign-in"
        next={next}
        notice={query.disabled ? ACCOUNT_DISABLED : undefined}
      />
    </AuthPage>
  );
}
