// The frame of the sign-in and sign-up pages: a narrow centred card that fits a 390 px screen.
import type { ReactNode } from "react";

export function AuthPage({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  return (
    <main className="mx-auto max-w-sm px-4 py-12 sm:py-16">
      <a href="/" className="text-sm font-semibold text-slate-500 hover:text-slate-900">
        Pylot
      </a>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-500">{lead}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-5">{children}</div>
    </main>
  );
}
