// What the account menu shows for a page's identity: the signed-in email (and whether to offer the
// admin page), or null for an anonymous owner.
import type { Identity } from "./identity";

export type AccountSummary = { email: string; admin?: boolean } | null;

export function accountSummaryOf(identity: Identity): AccountSummary {
  return identity.kind === "user" ? { email: identity.user.email, admin: identity.user.role === "admin" } : null;
}
