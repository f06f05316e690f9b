// The one Better Auth instance (docs/adr/0007-accounts.md), on our PostgreSQL through its Prisma
// adapter. Built on first use, like the database client, so `next build` needs no database.
// - ids are UUIDs: a user's id is an owner id (Notebook.ownerId);
// - email + password with NIST SP 800-63B-4 lengths (password-policy.ts), passkeys (passkey.ts),
//   OpenID Connect when configured (oidc.ts), verification and reset mail when SMTP_URL is set
//   (email-flows.ts);
// - sign-in and sign-up attempts are rate limited per client address, counted in the database so
//   the limit holds across instances (the in-memory store would give N instances N× the attempts);
// - the client address is the one the custom server worked out (x-pylot-client-address), never a
//   header a client could set;
// - cookies: HttpOnly, SameSite=Lax, Secure when PYLOT_SECURE_COOKIES=1 (like the owner cookie);
// - a disabled user cannot start a session, and signing in adopts the browser's anonymous notebooks.
import "server-only";
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { adoptAnonymousOwner, isUserDisabled } from "@/lib/db/accounts";
import { getDb } from "@/lib/db/client";
import { OWNER_COOKIE, verifyOwnerCookie } from "@/lib/identity/owner-cookie";
import { authSecret } from "./auth-secret";
import { breachedPasswordPlugin, pwnedPasswordsUrl } from "./breached-password";
import { emailVerificationOptions, passwordResetOptions } from "./email-flows";
import { oidcPlugin, oidcSettings } from "./oidc";
import { passkeyPlugin } from "./passkey";
import { publicOriginSetting } from "./public-origin";
import { checkInviteOnSignUp, recordInviteOnSignUp } from "./invite-gate";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";
import { AUTH_COOKIE_PREFIX } from "./session-cookie";

/** Sign-in (and sign-up) attempts per client address per minute; PYLOT_SIGN_IN_ATTEMPTS_PER_MINUTE. */
export function signInAttemptsPerMinute(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.PYLOT_SIGN_IN_ATTEMPTS_PER_MINUTE ?? 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

function ownerCookieIn(headers: Headers | undefined): string | null {
  const cookie = headers?.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === OWNER_COOKIE) {
      try {
        return verifyOwnerCookie(decodeURIComponent(rest.join("=")));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function build() {
  const attempts = { window: 60, max: signInAttemptsPerMinute() };
  const oidc = oidcSettings();
  const pwnedUrl = pwnedPasswordsUrl();
  return betterAuth({
    appName: "Pylot",
    secret: authSecret(),
    basePath: "/api/auth",
    // Our own check (lib/http/same-origin.ts) already requires Origin to name the Host the request
    // came to; behind a TLS proxy the app sees http while the browser says https, so trust both.
    trustedOrigins: (request) => {
      const host = request?.headers.get("x-forwarded-host") ?? request?.headers.get("host");
      const fixed = publicOriginSetting();
      return [...(host ? [`http://${host}`, `https://${host}`] : []), ...(fixed ? [fixed] : [])];
    },
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
      ...passwordResetOptions(),
    },
    emailVerification: emailVerificationOptions(),
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "user", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": attempts,
        "/sign-up/email": attempts,
        "/passkey/verify-authentication": attempts,
        "/passkey/verify-registration": attempts,
        "/request-password-reset": attempts,
        "/send-verification-email": attempts,
      },
    },
    advanced: {
      cookiePrefix: AUTH_COOKIE_PREFIX,
      useSecureCookies: process.env.PYLOT_SECURE_COOKIES === "1",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: ["x-pylot-client-address"] },
      database: { generateId: () => randomUUID() },
    },
    databaseHooks: {
      // PYLOT_AUTH=invite: a sign-up needs an admin's invite link (invite-gate.ts).
      user: {
        create: {
          before: async (_user, ctx) => {
            await checkInviteOnSignUp(ctx?.headers ?? ctx?.request?.headers);
          },
          after: async (user, ctx) => {
            await recordInviteOnSignUp(ctx?.headers ?? ctx?.request?.headers, user.id);
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            if (await isUserDisabled(session.userId)) {
              throw new APIError("FORBIDDEN", { message: "This account is disabled; ask the instance's admin." });
            }
          },
          after: async (session, ctx) => {
            const anonymous = ownerCookieIn(ctx?.headers ?? ctx?.request?.headers);
            if (anonymous) await adoptAnonymousOwner(anonymous, session.userId);
          },
        },
      },
    },
    plugins: [
      passkeyPlugin(),
      ...(oidc ? [oidcPlugin(oidc)] : []),
      ...(pwnedUrl ? [breachedPasswordPlugin(pwnedUrl)] : []),
    ],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof build>;

const cache = globalThis as { __pylotAuth?: Auth };

export function getAuth(): Auth {
  cache.__pylotAuth ??= build();
  return cache.__pylotAuth;
}
