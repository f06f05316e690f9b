// PYLOT_AUTH: who may use an instance.
// - open (default): anyone, as an anonymous owner kept in a cookie, or signed in to an account;
// - required: only signed-in accounts; share links still read for anyone.
export type AuthMode = "open" | "required";

export const AUTH_MODES: readonly AuthMode[] = ["open", "required"];

export function authMode(env: Record<string, string | undefined> = process.env): AuthMode {
  const raw = env.PYLOT_AUTH?.trim().toLowerCase();
  if (!raw) return "open";
  if ((AUTH_MODES as readonly string[]).includes(raw)) return raw as AuthMode;
  // Refusing to start would take a whole instance down over a typo; the safe reading is "required".
  console.warn(`[auth] unknown PYLOT_AUTH="${env.PYLOT_AUTH}" (expected open or required); using required`);
  return "required";
}
