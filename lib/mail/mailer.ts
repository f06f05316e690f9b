// Sends mail through SMTP_URL with nodemailer. One transport per process (it pools nothing: each
// message is one SMTP session, which is plenty for sign-up and reset mail).
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { AppError } from "@/lib/http/app-error";
import type { MailMessage } from "./messages";
import { mailFrom, smtpUrl } from "./smtp-url";

const cache = globalThis as { __pylotMailer?: Transporter };

export async function sendMail(to: string, message: MailMessage): Promise<void> {
  const url = smtpUrl();
  if (!url) throw new AppError("unavailable", "Email is not configured on this instance (SMTP_URL).");
  cache.__pylotMailer ??= nodemailer.createTransport(url);
  try {
    await cache.__pylotMailer.sendMail({ from: mailFrom(), to, ...message });
  } catch (err) {
    console.error("[mail] could not send:", err);
    throw new AppError("unavailable", "The email could not be sent; try again in a minute.");
  }
}
