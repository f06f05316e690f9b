"use client";
// The account's passkeys with Remove, and "Add a passkey" (this device's authenticator or a key).
import { useEffect, useState } from "react";
import { RelativeTime } from "@/components/layout/relative-time";
import { type PasskeySummary, passkeyApi } from "@/lib/client/passkey-api";

export function PasskeyList() {
  const [passkeys, setPasskeys] = useState<PasskeySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function refresh() {
    try {
      setPasskeys(await passkeyApi.list());
    } catch (err) {
      setError((err as Error).message);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on mount
  useEffect(() => {
    void refresh();
  }, []);

  async function act(action: () => Promise<void>) {
    setError(null);
    setBusy(true);
    try {
      await action();
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="passkeys-heading" className="mt-10">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="passkeys-heading" className="text-lg font-semibold">
          Passkeys
        </h2>
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(passkeyApi.add)}
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          Add a passkey
        </button>
      </div>
      {error && (
        <p role="alert" className="mb-3 rounded bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {passkeys && passkeys.length === 0 && (
        <p className="text-sm text-slate-500">No passkeys yet: add one to sign in without a password.</p>
      )}
      {passkeys && passkeys.length > 0 && (
        <ul aria-label="Passkeys" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {passkeys.map((p, i) => {
            const label = p.name || `Passkey ${i + 1}`;
            return (
              <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{label}</p>
                  <p className="text-slate-500">
                    Added <RelativeTime value={p.createdAt} />
                  </p>
                </div>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void act(() => passkeyApi.remove(p.id))}
                  aria-label={`Remove ${label}`}
                  className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50 disabled:opacity-60"
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
