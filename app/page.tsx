import { NotebookList } from "@/components/notebook-list/notebook-list";
import { listOwnedNotebooks } from "@/lib/db/notebooks";
import { pageOwner } from "@/lib/identity/page-owner";

export default async function HomePage() {
  const owner = await pageOwner();
  const notebooks = owner ? await listOwnedNotebooks(owner) : [];
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <header className="mb-8 flex items-baseline justify-between">
        <h1 className="text-3xl font-semibold tracking-tight">Pylot</h1>
        <p className="text-sm text-slate-500">Python notebooks that run in your browser</p>
      </header>
      <NotebookList initial={notebooks} />
    </main>
  );
}
