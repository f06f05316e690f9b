// The account emails: plain text and simple HTML, one link each, no images or tracking. Links come
// from Better Auth, built on the request's own origin.
import { escapeHtml } from "@/lib/html/escape-html";

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

function message(subject: string, lead: string, action: string, url: string, after: string): MailMessage {
  const text = `${lead}\n\n${action}:\n${url}\n\n${after}\n`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>
<p style="color:#64748b;font-size:13px">${escapeHtml(after)}<br>${escapeHtml(url)}</p>
</body></html>`;
  return { subject, text, html };
}

export function verificationMessage(url: string): MailMessage {
  return message(
    "Confirm your email for Pylot",
    "Someone, hopefully you, created a Pylot account with this email address.",
    "Confirm your email",
    url,
    "If it was not you, ignore this email. The link works for one hour.",
  );
}

export function resetPasswordMessage(url: string): MailMessage {
  return message(
    "Reset your Pylot password",
    "Someone, hopefully you, asked to reset the password of your Pylot account.",
    "Choose a new password",
    url,
    "If it was not you, ignore this email: your password stays as it is. The link works for one hour.",
  );
}
