"use client";
// "Forgot password?": asks for the email and says the same thing whether or not it has an account,
// so the form cannot be used to find out who has one.
import { useState } from "react";
import { accountApi } from "@/lib/client/account-api";
import { FormError, SubmitButton } from "./form-parts";

export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await accountApi.requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
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
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">Email</span>
        <input
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-blue-400 focus:outline-none"
        />
      </label>
      <FormError error={error} />
      <SubmitButton busy={busy}>{busy ? "Sending…" : "Email me a link"}</SubmitButton>
    </form>
  );
}
