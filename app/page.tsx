import { NotebookList } from "@/components/notebook-list/notebook-list";
import { ReconnectingPage } from "@/components/outage/reconnecting-page";
import { listOwnedNotebooks } from "@/lib/db/notebooks";
import { isDatabaseUnavailable } from "@/lib/http/database-unavailable";
import { pageOwner } from "@/lib/identity/page-owner";

export default async function HomePage() {
  const owner = await pageOwner();
  let notebooks: Awaited<ReturnType<typeof listOwnedNotebooks>>;
  try {
    notebooks = owner ? await listOwnedNotebooks(owner) : [];
  } catch (err) {
    if (isDatabaseUnavailable(err)) return <ReconnectingPage retryHref="/" />;
    throw err;
  }
  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6 sm:py-10">
      <header className="mb-8 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-3xl font-semibold tracking-tight">Pylot</h1>
        <p className="text-sm text-slate-500">Python notebooks that run in your browser</p>
      </header>
      <NotebookList initial={notebooks} />
    </main>
  );
}
