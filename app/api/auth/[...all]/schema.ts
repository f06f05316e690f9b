import { z } from "zod";

/** The shape of a WebAuthn answer as @simplewebauthn/browser sends it (base64url strings). */
const credential = z.object({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.object({ clientDataJSON: z.string().min(1) }).loose(),
});

/** Bodies of the passkey ceremonies' second steps: checked before Better Auth, so a wrong shape is a clear 400. */
export const passkeyVerifyBody = z.object({ response: credential }).loose();

export const PASSKEY_VERIFY_PATHS = new Set([
  "/api/auth/passkey/verify-registration",
  "/api/auth/passkey/verify-authentication",
]);
