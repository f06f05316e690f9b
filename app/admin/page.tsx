import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AccountMenu } from "@/components/account/account-menu";
import { InviteList } from "@/components/admin/invite-list";
import { SettingsForm } from "@/components/admin/settings-form";
import { SpendTable } from "@/components/admin/spend-table";
import { UserTable } from "@/components/admin/user-table";
import { serialize } from "@/lib/admin/admin-view";
import { settingViews } from "@/lib/admin/settings";
import { authMode } from "@/lib/auth/auth-mode";
import { instanceSpendToday, SPEND_DAYS, spendPerOwnerPerDay } from "@/lib/db/admin-spend";
import { listUsersForAdmin } from "@/lib/db/admin-users";
import { listInvites } from "@/lib/db/invites";
import { readSettingOverrides } from "@/lib/db/settings";
import { effectiveSpendLimits } from "@/lib/admin/settings";
import { pageIdentity } from "@/lib/identity/page-owner";

export const metadata: Metadata = { title: "Admin · Pylot" };

/** The last `n` days (UTC) as YYYY-MM-DD, newest first. */
function lastDays(n: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: n }, (_, i) => new Date(today - i * 86_400_000).toISOString().slice(0, 10));
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="mt-8">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function AdminPage() {
  const identity = await pageIdentity();
  if (identity.kind === "nobody" && identity.status === 403) redirect("/sign-in?disabled=1");
  if (identity.kind !== "user") redirect(`/sign-in?next=${encodeURIComponent("/admin")}`);
  // Not an admin: the page does not exist for them.
  if (identity.user.role !== "admin") notFound();
  const [users, spend, todayUsd, overrides, invites] = await Promise.all([
    listUsersForAdmin(),
    spendPerOwnerPerDay(),
    instanceSpendToday(),
    readSettingOverrides(),
    listInvites(),
  ]);
  const limits = effectiveSpendLimits(overrides);
  return (
    <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <a href="/" className="text-sm font-semibold text-slate-500 hover:text-slate-900">
          Pylot
        </a>
        <AccountMenu account={{ email: identity.user.email, admin: true }} />
      </header>
      <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
      <p className="mt-1 text-sm text-slate-500">The accounts, spend and limits of this Pylot instance.</p>
      <Section title="Users">
        <UserTable initial={users.map(serialize)} selfId={identity.user.userId} />
      </Section>
      <Section title="Spend">
        <SpendTable
          rows={spend}
          days={lastDays(SPEND_DAYS)}
          todayUsd={todayUsd}
          dailyBudgetUsd={limits.dailyBudgetUsd}
          userDailyBudgetUsd={limits.ownerDailyBudgetUsd}
        />
      </Section>
      <Section title="Settings">
        <SettingsForm initial={settingViews(overrides)} />
      </Section>
      <Section title="Invites">
        <InviteList initial={invites.map(serialize)} inviteMode={authMode() === "invite"} />
      </Section>
    </main>
  );
}
