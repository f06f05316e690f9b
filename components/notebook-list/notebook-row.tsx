"use client";
import { useState } from "react";
import type { NotebookSummary } from "@/lib/notebook/cell";
import { visibleText } from "@/lib/text/visible-text";
import { RelativeTime } from "@/components/layout/relative-time";

interface Props {
  notebook: NotebookSummary;
  onRename: (id: string, title: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

export function NotebookRow({ notebook, onRename, onDelete }: Props) {
  const [mode, setMode] = useState<"view" | "rename" | "confirm-delete">("view");
  const [title, setTitle] = useState(notebook.title);
  const [error, setError] = useState<string | null>(null);

  async function attempt(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
      setMode("view");
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <li
      className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3"
      data-testid="notebook-row"
      data-notebook-id={notebook.id}
    >
      {mode === "rename" ? (
        <form
          className="flex min-w-0 flex-[1_1_100%] gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt(() => onRename(notebook.id, title));
          }}
        >
          <input
            // biome-ignore lint/a11y/noAutofocus: the person just asked to rename this notebook
            autoFocus
            aria-label="Notebook title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1"
          />
          <button type="submit" className="text-sm text-blue-700">
            Save
          </button>
          <button type="button" className="text-sm text-slate-500" onClick={() => setMode("view")}>
            Cancel
          </button>
        </form>
      ) : (
        <a
          href={`/notebooks/${notebook.id}`}
          data-testid="notebook-link"
          className="min-w-0 flex-[1_1_14rem] truncate font-medium text-slate-800 hover:text-blue-700"
        >
          {visibleText(notebook.title)}
        </a>
      )}
      <span className="text-xs text-slate-400">
        {notebook.cellCount} cells · <RelativeTime value={notebook.updatedAt} prefix="edited " />
      </span>
      {mode === "view" && (
        <>
          <button
            type="button"
            className="text-sm text-slate-600 hover:text-slate-900"
            onClick={() => setMode("rename")}
          >
            Rename
          </button>
          <button
            type="button"
            className="text-sm text-red-600 hover:text-red-800"
            onClick={() => setMode("confirm-delete")}
          >
            Delete
          </button>
        </>
      )}
      {mode === "confirm-delete" && (
        <span className="flex flex-wrap items-center gap-2 text-sm" role="alertdialog" aria-label="Confirm delete">
          Delete “{visibleText(notebook.title)}”?
          <button
            type="button"
            className="rounded bg-red-600 px-2 py-1 text-white"
            onClick={() => void attempt(() => onDelete(notebook.id))}
          >
            Delete
          </button>
          <button type="button" className="text-slate-500" onClick={() => setMode("view")}>
            Cancel
          </button>
        </span>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </li>
  );
}
