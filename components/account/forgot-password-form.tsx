"use client";
// "Forgot password?": asks for the email and says the same thing whether or not it has an account,
// so the form cannot be used to find out who has one.
import { useState } from "react";
import { accountApi } from "@/lib/client/account-api";
import { FormError, SubmitButton, TextField, useAccountAction } from "./form-parts";

export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAccountAction();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void run(async () => {
      await accountApi.requestPasswordReset(email.trim());
      setSent(true);
    });
  }

  if (sent) {
    return (
      <p role="status" className="text-sm text-slate-700">
        If {email.trim()} has an account here, a link to choose a new password is on its way. It works for one hour.
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Forgot password">
      <TextField
        label="Email"
        type="email"
        required
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <FormError error={error} />
      <SubmitButton busy={busy}>{busy ? "Sending…" : "Email me a link"}</SubmitButton>
    </form>
  );
}
