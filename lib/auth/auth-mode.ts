// PYLOT_AUTH: who may use an instance.
// - open (default): anyone, as an anonymous owner kept in a cookie, or signed in to an account;
// - required: only signed-in accounts; share links still read for anyone;
// - invite: like required, and signing up needs an invite link made by an admin (lib/admin/invites.ts);
//   the first account of an empty instance needs none.
export type AuthMode = "open" | "required" | "invite";

export const AUTH_MODES: readonly AuthMode[] = ["open", "required", "invite"];

export function authMode(env: Record<string, string | undefined> = process.env): AuthMode {
  const raw = env.PYLOT_AUTH?.trim().toLowerCase();
  if (!raw) return "open";
  if ((AUTH_MODES as readonly string[]).includes(raw)) return raw as AuthMode;
  // Refusing to start would take a whole instance down over a typo; the safe reading is "required".
  console.warn(`[auth] unknown PYLOT_AUTH="${env.PYLOT_AUTH}" (expected open, required or invite); using required`);
  return "required";
}

/** Whether only signed-in accounts may own notebooks (required and invite). */
export function accountsRequired(mode: AuthMode = authMode()): boolean {
  return mode !== "open";
}
