"use client";
// The header's account menu: the signed-in email with Sessions (and Admin, for admins), Sign out
// and Sign out everywhere;
// or, for an anonymous owner, the ways in. A <details> menu: keyboard and touch work without code.
import { useState } from "react";
import { accountApi } from "@/lib/client/account-api";

import type { AccountSummary } from "@/lib/identity/account-summary";

export type { AccountSummary };

/** `compact`: the email's first letter in a round button (the notebook's crowded header). */
export function AccountMenu({ account, compact = false }: { account: AccountSummary; compact?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  if (!account) {
    return (
      <nav aria-label="Account" className="flex items-center gap-3 text-sm">
        <a href="/sign-in" className="text-slate-600 hover:text-slate-900">
          Sign in
        </a>
        <a href="/sign-up" className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
          Create account
        </a>
      </nav>
    );
  }

  async function leave(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
      window.location.assign("/");
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <details className="relative text-sm">
      <summary
        aria-label={`Account: ${account.email}`}
        title={compact ? account.email : undefined}
        className={
          compact
            ? "flex h-7 w-7 cursor-pointer list-none items-center justify-center rounded-full border border-slate-300 bg-white text-xs font-semibold uppercase text-slate-600 hover:bg-slate-50"
            : "max-w-[14rem] cursor-pointer list-none truncate rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
        }
      >
        {compact ? (
          <>
            <span aria-hidden="true">{account.email.slice(0, 1)}</span>
            <span className="sr-only">{account.email}</span>
          </>
        ) : (
          account.email
        )}
      </summary>
      <div
        role="menu"
        className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        <a role="menuitem" href="/account/sessions" className="block px-3 py-2 hover:bg-slate-50">
          Sessions
        </a>
        {account.admin && (
          <a role="menuitem" href="/admin" className="block px-3 py-2 hover:bg-slate-50">
            Admin
          </a>
        )}
        <button
          type="button"
          role="menuitem"
          onClick={() => void leave(accountApi.signOut)}
          className="block w-full px-3 py-2 text-left hover:bg-slate-50"
        >
          Sign out
        </button>
        <button
          type="button"
          role="menuitem"
          onClick={() => void leave(accountApi.signOutEverywhere)}
          className="block w-full px-3 py-2 text-left hover:bg-slate-50"
        >
          Sign out everywhere
        </button>
        {error && (
          <p role="alert" className="px-3 py-2 text-red-700">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
