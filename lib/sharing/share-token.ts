// Share tokens: 256 random bits in base64url (43 characters). Only their sha256 is stored, so a
// database leak does not hand out working links; lookups hash the presented token and compare
// hashes in the index, which also takes the token's own bytes out of any timing.
import { createHash, randomBytes } from "node:crypto";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token we could have issued; anything else is answered 404 without a query. */
export function isWellFormedShareToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}
