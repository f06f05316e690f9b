"use client";
// "Continue with a passkey", the first way in on the sign-in and sign-up pages. Signing in needs
// nothing typed (the passkey names its account); creating an account takes the email from the form.
import { useState } from "react";
import { passkeyApi } from "@/lib/client/passkey-api";

export function PasskeyButton({
  kind,
  next,
  email,
  invite,
  onError,
}: {
  kind: "sign-in" | "sign-up";
  next: string;
  /** Sign-up only: the email the account is created with; null when the field is not valid yet. */
  email?: () => string | null;
  /** Sign-up only: the invite link's token (PYLOT_AUTH=invite). */
  invite?: string;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState(false);

  async function go() {
    onError(null);
    let address: string | null = null;
    if (kind === "sign-up") {
      address = email?.() ?? null;
      if (!address) return;
    }
    if (!passkeyApi.supported()) {
      onError("This browser cannot use passkeys; use a password instead.");
      return;
    }
    setBusy(true);
    try {
      await (address ? passkeyApi.signUp(address, invite) : passkeyApi.signIn());
      window.location.assign(next);
    } catch (err) {
      onError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      onClick={go}
      disabled={busy}
      className="w-full rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
    >
      {busy ? "Waiting for your passkey…" : "Continue with a passkey"}
    </button>
  );
}
