// Better Auth's email flows, on only when SMTP_URL is set (lib/mail): a verification mail after
// sign-up (following it marks the email verified and signs in) and the password reset mail.
import "server-only";
import { sendMail } from "@/lib/mail/mailer";
import { resetPasswordMessage, verificationMessage } from "@/lib/mail/messages";
import { smtpUrl } from "@/lib/mail/smtp-url";
import { publicOriginSetting } from "./public-origin";

/** One hour, as the emails say. */
const LINK_LIFETIME_SECONDS = 60 * 60;

export function emailFlowsEnabled(): boolean {
  return smtpUrl() !== null;
}

export function emailVerificationOptions() {
  if (!emailFlowsEnabled()) return undefined;
  if (!publicOriginSetting()) {
    console.warn(
      "[auth] SMTP_URL is set without PYLOT_PUBLIC_URL: mailed links follow each request's Host header; set PYLOT_PUBLIC_URL on an instance others can reach.",
    );
  }
  return {
    sendOnSignUp: true,
    autoSignInAfterVerification: true,
    expiresIn: LINK_LIFETIME_SECONDS,
    sendVerificationEmail: async ({ user, url }: { user: { email: string }; url: string }) =>
      sendMail(user.email, verificationMessage(url)),
  };
}

export function passwordResetOptions() {
  if (!emailFlowsEnabled()) return {};
  return {
    resetPasswordTokenExpiresIn: LINK_LIFETIME_SECONDS,
    // A reset ends every session: whoever knew the old password is signed out.
    revokeSessionsOnPasswordReset: true,
    sendResetPassword: async ({ user, url }: { user: { email: string }; url: string }) =>
      sendMail(user.email, resetPasswordMessage(url)),
  };
}
