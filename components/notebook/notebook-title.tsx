"use client";
import { useEffect, useRef, useState } from "react";
import { notebookApi } from "@/lib/client/notebook-api";
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
  const inputRef = useRef<HTMLInputElement>(null);

  // The page's undo history spans every field: Ctrl+Z pressed elsewhere would rewind this one
  // (and the rewind would be saved). The field takes undo and redo only while it has the focus.
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const onBeforeInput = (e: InputEvent) => {
      if (e.inputType.startsWith("history") && document.activeElement !== input) e.preventDefault();
    };
    input.addEventListener("beforeinput", onBeforeInput);
    return () => input.removeEventListener("beforeinput", onBeforeInput);
  }, []);

  // The browser tab names the notebook, and follows a rename once it is saved.
  useEffect(() => {
    document.title = `${visibleText(saved)} · Pylot`;
  }, [saved]);

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

  const shown = editing ? title : visibleText(title);
  return (
    <span className="flex min-w-0 items-center gap-2">
      {/* The field is as wide as its text: an invisible copy of the text sizes the grid cell both share. */}
      <span className="grid min-w-0 grid-cols-[minmax(0,max-content)]">
        <span
          aria-hidden="true"
          className="invisible col-start-1 row-start-1 overflow-hidden whitespace-pre border border-transparent px-1 py-0.5 text-base font-medium"
        >
          {`${shown} `}
        </span>
        <input
          ref={inputRef}
          aria-label="Notebook title"
          value={shown}
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
          size={1}
          className="col-start-1 row-start-1 w-full min-w-[3ch] rounded border border-transparent px-1 py-0.5 text-base font-medium hover:border-slate-200 focus:border-blue-400 focus:outline-none"
        />
      </span>
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
