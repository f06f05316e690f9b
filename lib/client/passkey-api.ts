// Browser-side passkey ceremonies against Better Auth's passkey endpoints (lib/auth/passkey.ts):
// fetch options from the server, let the browser's authenticator answer (@simplewebauthn/browser
// wraps navigator.credentials), post the answer back. Through apiFetch like every account call.
import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import { INVITE_HEADER } from "@/lib/admin/invite-link";
import { apiFetch } from "./notebook-api";
import { accountFailure } from "./account-api";

export interface PasskeySummary {
  id: string;
  name: string | null;
  createdAt: string;
}

async function getJson<T>(path: string): Promise<T> {
  const res = await apiFetch(path);
  if (!res.ok) await accountFailure(res);
  return (await res.json()) as T;
}

async function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const res = await apiFetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) await accountFailure(res);
}

/** The authenticator's own refusals (cancelled, timed out, no passkey here) in words a person can act on. */
function ceremonyError(err: unknown): Error {
  if (err instanceof WebAuthnError || (err instanceof Error && err.name === "NotAllowedError")) {
    return new Error("The passkey prompt was cancelled or timed out; try again.");
  }
  return err instanceof Error ? err : new Error(String(err));
}

async function register(query: URLSearchParams, createSession: boolean, invite?: string): Promise<void> {
  const optionsJSON = await getJson<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
    `/api/auth/passkey/generate-register-options?${query}`,
  );
  let response: Awaited<ReturnType<typeof startRegistration>>;
  try {
    response = await startRegistration({ optionsJSON });
  } catch (err) {
    throw ceremonyError(err);
  }
  // The account is created here: an invite-only instance checks the invite on this request.
  await postJson(
    "/api/auth/passkey/verify-registration",
    { response, createSession },
    invite ? { [INVITE_HEADER]: invite } : {},
  );
}

export const passkeyApi = {
  supported: (): boolean => typeof window !== "undefined" && typeof window.PublicKeyCredential === "function",
  /** Creates the account (named by its email) and its first passkey, and signs in; `invite` as for a password sign-up. */
  signUp: (email: string, invite?: string) => register(new URLSearchParams({ context: email }), true, invite),
  async signIn(): Promise<void> {
    const optionsJSON = await getJson<Parameters<typeof startAuthentication>[0]["optionsJSON"]>(
      "/api/auth/passkey/generate-authenticate-options",
    );
    let response: Awaited<ReturnType<typeof startAuthentication>>;
    try {
      response = await startAuthentication({ optionsJSON });
    } catch (err) {
      throw ceremonyError(err);
    }
    const res = await apiFetch("/api/auth/passkey/verify-authentication", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response }),
    });
    const code = res.ok
      ? null
      : (
          (await res
            .clone()
            .json()
            .catch(() => ({}))) as { code?: string }
        ).code;
    if (code === "PASSKEY_NOT_FOUND") {
      throw new Error("This passkey does not open any account here (it may have been removed); sign in another way.");
    }
    if (!res.ok) await accountFailure(res);
  },
  /** Adds a passkey to the signed-in account. */
  add: () => register(new URLSearchParams(), false),
  list: () => getJson<PasskeySummary[]>("/api/auth/passkey/list-user-passkeys"),
  remove: (id: string) => postJson("/api/auth/passkey/delete-passkey", { id }),
};
