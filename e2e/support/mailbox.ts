// Reads what the e2e SMTP server captured (smtp-capture.ts): the messages sent to one address and
// the links in them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

export interface CapturedMail {
  to: string[];
  raw: string;
}

function mailDir(): string {
  const dir = process.env.PYLOT_E2E_MAIL_DIR;
  if (!dir) throw new Error("PYLOT_E2E_MAIL_DIR is not set: the SMTP server starts in global setup");
  return dir;
}

export function mailsTo(address: string): CapturedMail[] {
  const dir = mailDir();
  return readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as CapturedMail)
    .filter((m) => m.to.includes(address.toLowerCase()));
}

/** Undoes quoted-printable (soft line breaks and =XX escapes), which nodemailer uses for long lines. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function subjectOf(mail: CapturedMail): string {
  return /^Subject: (.*)$/m.exec(mail.raw)?.[1]?.trim() ?? "";
}

export function linksIn(mail: CapturedMail): string[] {
  return [...new Set(decodeQuotedPrintable(mail.raw).match(/https?:\/\/[^\s"<>]+/g) ?? [])];
}

/** Waits for the nth (1-based) mail to this address and returns it. */
export async function waitForMail(address: string, nth = 1): Promise<CapturedMail> {
  await expect.poll(() => mailsTo(address).length).toBeGreaterThanOrEqual(nth);
  return mailsTo(address)[nth - 1] as CapturedMail;
}
