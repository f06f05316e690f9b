// Passkeys (WebAuthn) through Better Auth's passkey plugin (docs/adr/0007-accounts.md).
// - The relying party is the host the request came to: Better Auth has no fixed baseURL here, so each
//   request's base URL (and so the rpID the plugin derives from it) is the request's own host, on
//   localhost as behind a proxy that passes Host unchanged. The expected origin is the request's
//   Origin, which lib/http/same-origin.ts has already checked names that host.
// - Passkey-first sign-up: with no session, the person gives an email (the account's identifier, as
//   for every other way in: Better Auth's user needs one, and it is what the authenticator shows to
//   tell accounts apart). The account is created only once the authenticator's answer is verified,
//   in the same transaction as the passkey and the session.
// - Signed in, the same endpoints add a passkey to the account.
import "server-only";
import { randomUUID } from "node:crypto";
import { passkey } from "@better-auth/passkey";
import { APIError } from "better-auth/api";
import { z } from "zod";

const signUpEmail = z.email().max(254);

function emailOf(context: string | null | undefined): string {
  const parsed = signUpEmail.safeParse(context?.trim().toLowerCase());
  if (!parsed.success) {
    throw new APIError("BAD_REQUEST", { message: "Enter a valid email address to create an account with a passkey." });
  }
  return parsed.data;
}

export function passkeyPlugin() {
  return passkey({
    rpName: "Pylot",
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    registration: {
      requireSession: false,
      // Called only without a session: the account this passkey will open, not created yet.
      resolveUser: async ({ ctx, context }) => {
        const email = emailOf(context);
        if (await ctx.context.internalAdapter.findUserByEmail(email)) {
          throw new APIError("BAD_REQUEST", {
            message: "An account with this email already exists: sign in, then add a passkey from your account page.",
          });
        }
        return { id: randomUUID(), name: email, displayName: email };
      },
      afterVerification: async ({ ctx, user, context }) => {
        if (!context) return; // a signed-in person adding a passkey to their own account
        if (await ctx.context.internalAdapter.findUserById(user.id)) return;
        const email = emailOf(context);
        // Checked again: another sign-up may have taken the email between the two ceremonies.
        if (await ctx.context.internalAdapter.findUserByEmail(email)) {
          throw new APIError("BAD_REQUEST", { message: "An account with this email already exists: sign in instead." });
        }
        const created = await ctx.context.internalAdapter.createUser(
          {
            email,
            name: email.split("@")[0] || email,
            emailVerified: false,
          },
          { method: "passkey" },
        );
        return { userId: created.id };
      },
    },
  });
}
