// NIST SP 800-63B-4 3.1.1.2: a new password SHALL be checked against a list of compromised ones.
// Have I Been Pwned's range API (k-anonymity: only the first 5 hex digits of the password's SHA-1
// leave the server). Better Auth's own plugin cannot be pointed elsewhere and refuses every sign-up
// while the service is unreachable; this one takes its address from PYLOT_PWNED_PASSWORDS_URL
// ("off" turns it off) and lets the password through, with a warning, when the service does not
// answer: an outage of a third party should not lock people out of an instance.
import { createHash } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";

export const PWNED_PASSWORDS_URL = "https://api.pwnedpasswords.com";
/** How long a sign-up waits for the service before letting the password through. */
const TIMEOUT_MS = 3000;
/** The endpoints that set a new password, and the body field that carries it. */
const NEW_PASSWORD_FIELD: Record<string, "password" | "newPassword"> = {
  "/sign-up/email": "password",
  "/reset-password": "newPassword",
  "/change-password": "newPassword",
};

export const BREACHED_PASSWORD_MESSAGE =
  "This password appears in known data breaches (Have I Been Pwned), so it is among the first an attacker tries; choose another.";

/** The range API's base URL, or null when the check is off. */
export function pwnedPasswordsUrl(env: Record<string, string | undefined> = process.env): string | null {
  const value = env.PYLOT_PWNED_PASSWORDS_URL?.trim();
  if (value === "off") return null;
  return (value || PWNED_PASSWORDS_URL).replace(/\/+$/, "");
}

/** true / false, or null when the service gave no usable answer. */
export async function isPasswordBreached(password: string, baseUrl: string): Promise<boolean | null> {
  const hash = createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
  const prefix = hash.slice(0, 5);
  const suffix = `${hash.slice(5)}:`;
  try {
    const res = await fetch(`${baseUrl}/range/${prefix}`, {
      headers: { "Add-Padding": "true", "User-Agent": "Pylot password check" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    for (const line of (await res.text()).split(/\r?\n/)) {
      // Padding lines carry a count of 0: not breached.
      if (line.toUpperCase().startsWith(suffix)) return Number(line.slice(suffix.length)) > 0;
    }
    return false;
  } catch {
    return null;
  }
}

export function breachedPasswordPlugin(baseUrl: string): BetterAuthPlugin {
  let warned = false;
  return {
    id: "pylot-breached-password",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path !== undefined && ctx.path in NEW_PASSWORD_FIELD,
          handler: createAuthMiddleware(async (ctx) => {
            const field = ctx.path === undefined ? undefined : NEW_PASSWORD_FIELD[ctx.path];
            const password = field ? (ctx.body as Record<string, unknown> | undefined)?.[field] : undefined;
            if (typeof password !== "string" || password === "") return;
            const breached = await isPasswordBreached(password, baseUrl);
            if (breached)
              throw new APIError("BAD_REQUEST", { message: BREACHED_PASSWORD_MESSAGE, code: "PASSWORD_BREACHED" });
            if (breached === null && !warned) {
              warned = true;
              console.warn(
                `[pylot] the breached-password check could not reach ${baseUrl}; passwords are let through while it cannot`,
              );
            }
          }),
        },
      ],
    },
  };
}
