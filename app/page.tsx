import { NotebookList } from "@/components/notebook-list/notebook-list";
import { listOwnedNotebooks } from "@/lib/db/notebooks";
import { pageOwner } from "@/lib/identity/page-owner";

export default async function HomePage() {
  const owner = await pageOwner();
  const notebooks = owner ? await listOwnedNotebooks(owner) : [];
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
