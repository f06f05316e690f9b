import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthPage } from "@/components/account/auth-page";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { emailFlowsEnabled } from "@/lib/auth/email-flows";

export const metadata: Metadata = { title: "Choose a new password · Pylot" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: Search }) {
  if (!emailFlowsEnabled()) notFound();
  const token = (await searchParams).token;
  return (
    <AuthPage title="Choose a new password" lead="Every browser signed in to the account is signed out.">
      {typeof token === "string" && token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="text-sm text-red-700">
          This page needs the link from the email. <a href="/sign-in/forgot">Ask for a new one</a>.
        </p>
      )}
    </AuthPage>
  );
}
