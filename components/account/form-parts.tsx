"use client";
// The pieces every account form shares: one request at a time, its labelled fields, its error line
// and its submit button.
import { type InputHTMLAttributes, type ReactNode, type Ref, useCallback, useState } from "react";

/**
 * One account request at a time: busy while it runs, its failure as the form's error. A request
 * that navigates away on success passes `stayBusy`, so the form cannot be sent twice meanwhile.
 */
export function useAccountAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<void>, { stayBusy = false } = {}) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!stayBusy) setBusy(false);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

export function TextField({
  label,
  hint,
  ref,
  ...input
}: { label: string; hint?: ReactNode; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <input
        ref={ref}
        {...input}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-blue-400 focus:outline-none"
      />
      {hint}
    </label>
  );
}

export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
      {error}
    </p>
  );
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button
      type="submit"
      disabled={busy}
      className="w-full rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-60"
    >
      {children}
    </button>
  );
}
