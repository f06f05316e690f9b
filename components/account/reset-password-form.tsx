"use client";
// The mailed reset link's page: a new password (same rules as sign-up), then sign in with it.
import { useState } from "react";
import { accountApi } from "@/lib/client/account-api";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { FormError, SubmitButton, TextField, useAccountAction } from "./form-parts";

export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAccountAction();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void run(async () => {
      await accountApi.resetPassword(token, password);
      setDone(true);
    });
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
      <TextField
        label="New password"
        type="password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={MAX_PASSWORD_LENGTH}
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint={<span className="mt-1 block text-xs text-slate-500">At least {MIN_PASSWORD_LENGTH} characters.</span>}
      />
      <FormError error={error} />
      <SubmitButton busy={busy}>{busy ? "Saving…" : "Save the new password"}</SubmitButton>
    </form>
  );
}
