// Better Auth signs its session cookie and encrypts its state with its own key, derived from
// PYLOT_SECRET (never the raw value, which also signs the owner cookie and the CSRF token).
import { createHmac } from "node:crypto";

export function authSecret(env: Record<string, string | undefined> = process.env): string {
  const value = env.PYLOT_SECRET;
  if (!value || value.length < 16) throw new Error("PYLOT_SECRET is not set (npm start generates one).");
  return createHmac("sha256", value).update("pylot-better-auth-secret").digest("base64url");
}
