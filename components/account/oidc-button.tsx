"use client";
// "Continue with <provider>": shown only when the instance has an OpenID Connect provider
// (PYLOT_OIDC_*). The browser leaves for the provider and comes back signed in.
import { useState } from "react";
import { accountApi } from "@/lib/client/account-api";

export function OidcButton({
  name,
  next,
  onError,
}: {
  name: string;
  next: string;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState(false);

  async function go() {
    onError(null);
    setBusy(true);
    try {
      await accountApi.signInWithOidc(next);
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
      className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
    >
      {busy ? "Opening…" : `Continue with ${name}`}
    </button>
  );
}
