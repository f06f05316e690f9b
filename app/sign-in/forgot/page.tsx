import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AuthPage } from "@/components/account/auth-page";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { emailFlowsEnabled } from "@/lib/auth/email-flows";

export const metadata: Metadata = { title: "Forgot password · Pylot" };

export default async function ForgotPasswordPage() {
  await connection(); // SMTP_URL is read when serving, not at build
  // Without SMTP there is no way to send the link: the page does not exist.
  if (!emailFlowsEnabled()) notFound();
  return (
    <AuthPage title="Forgot password" lead="We email you a link to choose a new one.">
      <ForgotPasswordForm />
    </AuthPage>
  );
}
