"use client";
import { useState } from "react";
import { notebookApi } from "@/lib/notebook/api-client";
import { visibleText } from "@/lib/text/visible-text";

/**
 * The notebook's title, renamed in place (Enter or blur saves, Escape cancels). Unless it is being
 * edited, hidden characters show as [U+XXXX] (lib/text/visible-text.ts); editing shows the real text.
 */
export function NotebookTitle({ notebookId, initial }: { notebookId: string; initial: string }) {
  const [title, setTitle] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  async function save() {
    const next = title.trim();
    if (!next || next === saved) return setTitle(saved);
    try {
      await notebookApi.rename(notebookId, next);
      setSaved(next);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <span className="flex min-w-0 items-center gap-2">
      <input
        aria-label="Notebook title"
        value={editing ? title : visibleText(title)}
        onChange={(e) => setTitle(e.target.value)}
        onFocus={() => setEditing(true)}
        onBlur={() => {
          setEditing(false);
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.currentTarget.blur();
          if (e.key === "Escape") setTitle(saved);
        }}
        className="min-w-0 rounded border border-transparent px-1 py-0.5 text-base font-medium hover:border-slate-200 focus:border-blue-400 focus:outline-none"
      />
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
