// A real SMTP server for the e2e run (the `smtp-server` package): it takes every message Pylot sends
// through SMTP_URL (with the user and password in the URL) and writes it, raw, into a folder that
// the tests read (mailbox.ts). No TLS: it listens on 127.0.0.1 only.
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";

export const SMTP_USER = "pylot";
export const SMTP_PASSWORD = "e2e-smtp-password";

export interface SmtpCaptureHandle {
  url: string;
  dir: string;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCaptureHandle> {
  const dir = mkdtempSync(join(tmpdir(), "pylot-e2e-mail-"));
  let count = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        count += 1;
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const file = join(dir, `${Date.now()}-${String(count).padStart(5, "0")}.json`);
        writeFileSync(file, JSON.stringify({ to, raw: Buffer.concat(chunks).toString("utf8") }));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
