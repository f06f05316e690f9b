// Share tokens: 256 bits in base64url (43 characters). Only their sha256 is stored, so a
// database leak does not hand out working links; lookups hash the presented token and compare
// hashes in the index, which also takes the token's own bytes out of any timing.
// A link's token is derived from the server's secret and the link's id (an HMAC), so its owner can
// copy it again later while the database alone still cannot produce it. Links made before that
// (random tokens), or under another secret, keep working but cannot be shown again.
import { createHash, createHmac, randomBytes } from "node:crypto";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

function secret(): string {
  const value = process.env.PYLOT_SECRET;
  if (!value || value.length < 16) throw new Error("PYLOT_SECRET is not set.");
  return value;
}

/** The token of share link `linkId` (a uuid), and its hash. */
export function shareTokenFor(linkId: string, key: string = secret()): { token: string; tokenHash: string } {
  const token = createHmac("sha256", key).update(`pylot share link\0${linkId}`, "utf8").digest("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token we could have issued; anything else is answered 404 without a query. */
export function isWellFormedShareToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}
