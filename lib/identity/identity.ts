// Who is asking (docs/adr/0007-accounts.md): a signed-in user, whose id is their owner id; else,
// in open mode, the anonymous owner of the browser's signed cookie; else nobody, with the reason.
import type { AuthMode } from "@/lib/auth/auth-mode";
import type { SessionUser } from "@/lib/db/accounts";

export type Identity =
  | { kind: "user"; ownerId: string; user: SessionUser }
  | { kind: "anonymous"; ownerId: string }
  | { kind: "nobody"; status: 401 | 403; message: string };

export const SIGN_IN_FIRST = "Sign in first: this Pylot instance needs an account.";
export const ACCOUNT_DISABLED = "This account is disabled; ask the instance's admin.";
const NO_OWNER = "No valid owner cookie: open the app's home page first.";

/**
 * The decision, apart from where its inputs come from (a route's request, a page's cookies).
 * `session`: the user behind a valid session cookie, null when there is none (or it is not live).
 */
export function decideIdentity(mode: AuthMode, session: SessionUser | null, browserOwner: string | null): Identity {
  if (session) {
    // A live session of a disabled user is refused outright, not read as the anonymous owner.
    if (session.disabled) return { kind: "nobody", status: 403, message: ACCOUNT_DISABLED };
    return { kind: "user", ownerId: session.userId, user: session };
  }
  switch (mode) {
    case "open":
      return browserOwner
        ? { kind: "anonymous", ownerId: browserOwner }
        : { kind: "nobody", status: 401, message: NO_OWNER };
    case "required":
    case "invite":
      return { kind: "nobody", status: 401, message: SIGN_IN_FIRST };
    default:
      return assertNever(mode);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected auth mode ${JSON.stringify(x)}`);
}
