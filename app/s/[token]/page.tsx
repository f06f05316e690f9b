// A shared notebook, read-only and rendered on the server: no Pyodide, no Monaco. Always the
// current saved state (dynamic, no-store); a revoked or unknown token is a 404.
// Headers (noindex, no-referrer, rate limit) are set in proxy.ts.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import "highlight.js/styles/github.css";
import { AgentTranscript } from "@/components/agent/agent-transcript";
import { ForkButton } from "@/components/share/fork-button";
import { SharedCell } from "@/components/share/shared-cell";
import { SharedFiles } from "@/components/share/shared-files";
import { findSharedNotebook } from "@/lib/db/shared-notebooks";

type Props = { params: Promise<{ token: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: "Shared notebook · Pylot", robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function SharedNotebookPage({ params }: Props) {
  const { token } = await params;
  const shared = await findSharedNotebook(token);
  if (!shared) notFound();
  const { notebook, messages, files } = shared;
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95">
        <div className="mx-auto flex max-w-[90rem] items-center gap-3 px-4 py-2">
          <a href="/" className="text-sm font-semibold text-slate-500 hover:text-slate-900">Pylot</a>
          <span className="text-slate-300">/</span>
          <h1 className="truncate font-medium" data-testid="shared-title">{notebook.title}</h1>
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-500">read-only</span>
          <span className="flex-1" />
          <span className="text-xs text-slate-400">saved {new Date(notebook.updatedAt).toUTCString()}</span>
          <ForkButton token={token} />
        </div>
      </header>
      <div className="mx-auto flex max-w-[90rem] items-start gap-4 px-4 py-6">
        <main className="min-w-0 flex-1 space-y-3">
          {notebook.cells.map((cell) => (
            <SharedCell key={cell.id} cell={cell} token={token} />
          ))}
        </main>
        <aside className="sticky top-16 flex w-80 shrink-0 flex-col gap-4">
          <section className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 className="mb-2 text-sm font-medium">Agent conversation</h2>
            <AgentTranscript messages={messages} liveText={null} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 className="mb-2 text-sm font-medium">Files</h2>
            <SharedFiles token={token} files={files} />
          </section>
        </aside>
      </div>
    </div>
  );
}
