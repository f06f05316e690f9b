import { AccountMenu } from "@/components/account/account-menu";
import { SaveBanner } from "@/components/account/save-banner";
import { NotebookList } from "@/components/notebook-list/notebook-list";
import { ReconnectingPage } from "@/components/outage/reconnecting-page";
import { listOwnedNotebooks } from "@/lib/db/notebooks";
import { isDatabaseUnavailable } from "@/lib/http/database-unavailable";
import { accountSummaryOf } from "@/lib/identity/account-summary";
import { pageIdentity, pageOwner } from "@/lib/identity/page-owner";

export default async function HomePage() {
  let notebooks: Awaited<ReturnType<typeof listOwnedNotebooks>>;
  let identity: Awaited<ReturnType<typeof pageIdentity>>;
  try {
    const owner = await pageOwner();
    identity = await pageIdentity();
    notebooks = owner ? await listOwnedNotebooks(owner) : [];
  } catch (err) {
    if (isDatabaseUnavailable(err)) return <ReconnectingPage retryHref="/" />;
    throw err;
  }
  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6 sm:py-10">
      <header className="mb-8 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <h1 className="text-3xl font-semibold tracking-tight">Pylot</h1>
          <p className="text-sm text-slate-500">Python notebooks that run in your browser</p>
        </div>
        <AccountMenu account={accountSummaryOf(identity)} />
      </header>
      {identity.kind === "anonymous" && <SaveBanner />}
      <NotebookList initial={notebooks} accountEmail={identity.kind === "user" ? identity.user.email : null} />
    </main>
  );
}
