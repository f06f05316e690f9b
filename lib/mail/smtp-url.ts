// SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS from the first byte): set, the email flows
// (verification after sign-up, "Forgot password?") are on; unset, the UI does not offer them.
export function smtpUrl(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.SMTP_URL?.trim();
  return raw ? raw : null;
}

/** The sender's address: SMTP_FROM, else a no-reply address at the SMTP server's host. */
export function mailFrom(env: Record<string, string | undefined> = process.env): string {
  const from = env.SMTP_FROM?.trim();
  if (from) return from;
  const url = smtpUrl(env);
  const host = url ? new URL(url).hostname : "localhost";
  return `Pylot <no-reply@${host}>`;
}
