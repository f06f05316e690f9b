"use client";
// The owner's notebooks: create, open, find by title, rename inline, delete after confirmation.
import { useRef, useState } from "react";
import type { NotebookSummary } from "@/lib/notebook/cell";
import { notebookApi } from "@/lib/client/notebook-api";
import { NotebookRow } from "./notebook-row";

export function NotebookList({
  initial,
  accountEmail = null,
}: {
  initial: NotebookSummary[];
  /** The signed-in account's email; null: an anonymous owner, whose notebooks live with this browser. */
  accountEmail?: string | null;
}) {
  const [notebooks, setNotebooks] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState("");
  const needle = query.trim().toLocaleLowerCase();
  const shown = needle ? notebooks.filter((n) => n.title.toLocaleLowerCase().includes(needle)) : notebooks;
  const fileInput = useRef<HTMLInputElement>(null);

  async function importFile(file: File) {
    setCreating(true);
    setError(null);
    try {
      const { notebook } = await notebookApi.importIpynb(await file.text(), file.name);
      window.location.assign(`/notebooks/${notebook.id}`);
    } catch (e) {
      setError(`Could not import ${file.name}: ${(e as Error).message}`);
      setCreating(false);
    }
  }

  async function create() {
    setCreating(true);
    setError(null);
    try {
      const { notebook } = await notebookApi.create();
      // A full navigation: owner pages answer navigations only, never RSC fetches (proxy.ts).
      window.location.assign(`/notebooks/${notebook.id}`);
    } catch (e) {
      setError((e as Error).message);
      setCreating(false);
    }
  }

  async function rename(id: string, title: string) {
    await notebookApi.rename(id, title);
    setNotebooks((list) => list.map((n) => (n.id === id ? { ...n, title } : n)));
  }

  async function remove(id: string) {
    await notebookApi.remove(id);
    setNotebooks((list) => list.filter((n) => n.id !== id));
  }

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-end gap-2">
        <h2 className="mr-auto text-lg font-medium">Your notebooks</h2>
        <input
          ref={fileInput}
          type="file"
          accept=".ipynb,application/x-ipynb+json,application/json"
          className="hidden"
          aria-label="Import .ipynb file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void importFile(file);
          }}
        />
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          disabled={creating}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60"
        >
          Import .ipynb
        </button>
        <button
          type="button"
          onClick={create}
          disabled={creating}
          className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-60"
        >
          {creating ? "Creating…" : "New notebook"}
        </button>
      </div>
      {error && (
        <p role="alert" className="mb-3 rounded bg-red-50 p-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {notebooks.length > 0 && (
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search by title"
          aria-label="Search notebooks"
          className="mb-3 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-blue-400 focus:outline-none"
        />
      )}
      {notebooks.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-slate-500">
          No notebooks yet. Create one to start.
        </p>
      ) : shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">
          No notebook title contains “{query.trim()}”.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Notebooks">
          {shown.map((n) => (
            <NotebookRow key={n.id} notebook={n} onRename={rename} onDelete={remove} />
          ))}
        </ul>
      )}
      <p className="mt-6 text-xs text-slate-400">
        {accountEmail
          ? `Notebooks belong to your account (${accountEmail}): sign in on any browser to see them.`
          : "Notebooks belong to this browser."}{" "}
        <a href="/" className="underline">
          Refresh
        </a>
      </p>
    </section>
  );
}
