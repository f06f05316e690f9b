import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountMenu } from "@/components/account/account-menu";
import { PasskeyList } from "@/components/account/passkey-list";
import { SessionList } from "@/components/account/session-list";
import { deviceName } from "@/lib/auth/device-name";
import { listUserSessions } from "@/lib/db/accounts";
import { accountSummaryOf } from "@/lib/identity/account-summary";
import { pageIdentity } from "@/lib/identity/page-owner";

export const metadata: Metadata = { title: "Sessions · Pylot" };

export default async function SessionsPage() {
  const identity = await pageIdentity();
  if (identity.kind !== "user") redirect(`/sign-in?next=${encodeURIComponent("/account/sessions")}`);
  const sessions = await listUserSessions(identity.user.userId);
  const rows = sessions.map((s) => ({
    id: s.id,
    device: deviceName(s.userAgent),
    lastSeenAt: s.lastSeenAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    current: s.id === identity.user.sessionId,
  }));
  return (
    <main className="mx-auto max-w-2xl px-4 py-8 sm:px-6 sm:py-10">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <a href="/" className="text-sm font-semibold text-slate-500 hover:text-slate-900">
          Pylot
        </a>
        <AccountMenu account={accountSummaryOf(identity)} />
      </header>
      <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
      <p className="mt-1 mb-6 text-sm text-slate-500">
        The browsers signed in to your account. Revoking one signs it out on its next request.
      </p>
      <SessionList initial={rows} />
      <PasskeyList />
    </main>
  );
}
