"use client";
// The sign-in and sign-up form, one calm column: a passkey first, then email and password. After
// success a full navigation (owner pages answer navigations only) to where the person was going.
import { useRef, useState } from "react";
import { accountApi } from "@/lib/client/account-api";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { OidcButton } from "./oidc-button";
import { PasskeyButton } from "./passkey-button";
import { FormError, SubmitButton, TextField, useAccountAction } from "./form-parts";

export type AuthFormKind = "sign-in" | "sign-up";

export interface AuthFormProps {
  kind: AuthFormKind;
  next: string;
  notice?: string;
  /** The OpenID Connect provider's label, when the instance has one. */
  oidcName?: string | null;
  /** SMTP is configured: offer "Forgot password?". */
  emailFlows?: boolean;
  /** The invite link's token (PYLOT_AUTH=invite), sent with the sign-up. */
  invite?: string;
}

export function AuthForm({ kind, next, notice, oidcName, emailFlows, invite }: AuthFormProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, setError, run } = useAccountAction();
  const signUp = kind === "sign-up";
  const emailInput = useRef<HTMLInputElement>(null);

  function validEmail(): string | null {
    const input = emailInput.current;
    if (!input?.reportValidity()) return null;
    return input.value.trim();
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    void run(
      async () => {
        await (signUp ? accountApi.signUp(email.trim(), password, invite) : accountApi.signIn(email.trim(), password));
        window.location.assign(next);
      },
      { stayBusy: true },
    );
  }

  const other = signUp ? "/sign-in" : "/sign-up";
  const withNext = next === "/" ? other : `${other}?next=${encodeURIComponent(next)}`;
  return (
    <form onSubmit={submit} className="space-y-4" aria-label={signUp ? "Create an account" : "Sign in"}>
      {notice && (
        <p role="status" className="rounded bg-amber-50 p-2 text-sm text-amber-800">
          {notice}
        </p>
      )}
      {!signUp && <PasskeyButton kind="sign-in" next={next} onError={setError} />}
      {!signUp && oidcName && <OidcButton name={oidcName} next={next} onError={setError} />}
      {!signUp && <Divider label="or with your email" />}
      <TextField
        ref={emailInput}
        label="Email"
        type="email"
        required
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      {signUp && <PasskeyButton kind="sign-up" next={next} email={validEmail} invite={invite} onError={setError} />}
      {signUp && <Divider label="or with a password" />}
      <TextField
        label="Password"
        type="password"
        required
        minLength={signUp ? MIN_PASSWORD_LENGTH : undefined}
        maxLength={MAX_PASSWORD_LENGTH}
        autoComplete={signUp ? "new-password" : "current-password"}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-describedby={signUp ? "password-hint" : undefined}
        hint={
          signUp && (
            <span id="password-hint" className="mt-1 block text-xs text-slate-500">
              At least {MIN_PASSWORD_LENGTH} characters; a few words make a good one.
            </span>
          )
        }
      />
      {!signUp && emailFlows && (
        <a href="/sign-in/forgot" className="-mt-2 block text-xs text-blue-700 underline">
          Forgot password?
        </a>
      )}
      <FormError error={error} />
      <SubmitButton busy={busy}>
        {busy ? (signUp ? "Creating…" : "Signing in…") : signUp ? "Create account" : "Sign in"}
      </SubmitButton>
      {signUp && oidcName && <Divider label="or" />}
      {signUp && oidcName && <OidcButton name={oidcName} next={next} onError={setError} />}
      <p className="text-center text-sm text-slate-500">
        {signUp ? "Already have an account? " : "No account yet? "}
        <a href={withNext} className="text-blue-700 underline">
          {signUp ? "Sign in" : "Create one"}
        </a>
      </p>
    </form>
  );
}

function Divider({ label }: { label: string }) {
  return (
    <p className="flex items-center gap-3 text-xs text-slate-400">
      <span className="h-px flex-1 bg-slate-200" />
      {label}
      <span className="h-px flex-1 bg-slate-200" />
    </p>
  );
}
