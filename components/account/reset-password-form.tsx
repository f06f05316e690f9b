"use client";
// The mailed reset link's page: a new password (same rules as sign-up), then sign in with it.
import { useState } from "react";
import { accountApi } from "@/lib/client/account-api";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { FormError, SubmitButton } from "./form-parts";

export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await accountApi.resetPassword(token, password);
      setDone(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <p role="status" className="text-sm text-slate-700">
        Your password is changed.{" "}
        <a href="/sign-in" className="text-blue-700 underline">
          Sign in
        </a>{" "}
        with it.
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Password reset">
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">New password</span>
        <input
          type="password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={MAX_PASSWORD_LENGTH}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-blue-400 focus:outline-none"
        />
        <span className="mt-1 block text-xs text-slate-500">At least {MIN_PASSWORD_LENGTH} characters.</span>
      </label>
      <FormError error={error} />
      <SubmitButton busy={busy}>{busy ? "Saving…" : "Save the new password"}</SubmitButton>
    </form>
  );
}
