// Browser-side calls to the account endpoints (Better Auth's under /api/auth, and Pylot's own
// sessions route). They go through apiFetch: the double-submit header is what tells the server a
// request comes from Pylot's page and not from Python in the worker.
import { INVITE_HEADER } from "@/lib/admin/invite-link";
import { apiFetch, throwApiError } from "./notebook-api";

/** Better Auth answers errors as { message, code }; ours as { error: { message } }. */
export async function accountFailure(res: Response): Promise<never> {
  const data = (await res
    .clone()
    .json()
    .catch(() => ({}))) as { message?: string; error?: { message?: string } };
  if (typeof data.message === "string" && data.message) throw new Error(data.message);
  if (res.status === 429) throw new Error("Too many attempts from your network; wait a minute and try again.");
  return throwApiError(res);
}

async function post(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<void> {
  const res = await apiFetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) await accountFailure(res);
}

export const accountApi = {
  /** `invite`: the invite link's token, on an invite-only instance (lib/auth/invite-gate.ts). */
  signUp: (email: string, password: string, invite?: string) =>
    post(
      "/api/auth/sign-up/email",
      // callbackURL: where the verification mail's link lands (when SMTP_URL is set).
      { email, password, name: email.split("@")[0] || email, callbackURL: "/" },
      invite ? { [INVITE_HEADER]: invite } : {},
    ),
  signIn: (email: string, password: string) => post("/api/auth/sign-in/email", { email, password }),
  /** Starts the OpenID Connect sign-in: the browser goes to the provider and comes back to `next`. */
  async signInWithOidc(next: string): Promise<void> {
    const res = await apiFetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: next }),
    });
    if (!res.ok) await accountFailure(res);
    const { url } = (await res.json()) as { url?: string };
    if (!url) throw new Error("The identity provider could not be reached; try again.");
    window.location.assign(url);
  },
  /** Mails a reset link if the email has an account (the answer is the same either way). */
  requestPasswordReset: (email: string) =>
    post("/api/auth/request-password-reset", { email, redirectTo: "/sign-in/reset" }),
  resetPassword: (token: string, newPassword: string) => post("/api/auth/reset-password", { token, newPassword }),
  signOut: () => post("/api/auth/sign-out"),
  /** Every session of the account, this one included. */
  signOutEverywhere: () => post("/api/auth/revoke-sessions"),
  async revokeSession(id: string): Promise<void> {
    const res = await apiFetch(`/api/account/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!res.ok) await accountFailure(res);
  },
};
