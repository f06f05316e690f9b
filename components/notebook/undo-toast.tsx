"use client";
// After a deletion: "Deleted · Undo" at the bottom of the screen (Z in command mode does the same).
import { useEffect } from "react";

const SHOWN_MS = 10_000;

export function UndoToast({ count, onUndo, onDismiss }: { count: number; onUndo(): void; onDismiss(): void }) {
  useEffect(() => {
    const t = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(t);
  }, [onDismiss]);
  return (
    <div
      role="status"
      data-testid="undo-toast"
      className="fixed bottom-4 left-1/2 z-40 flex -translate-x-1/2 items-center gap-3 rounded-md bg-slate-800 px-3 py-2 text-sm text-white shadow-lg"
    >
      <span>{count === 1 ? "Cell deleted" : `${count} cells deleted`}</span>
      <button type="button" onClick={onUndo} className="font-semibold text-sky-300 hover:text-sky-200">
        Undo
      </button>
      <button type="button" aria-label="Dismiss" onClick={onDismiss} className="text-slate-400 hover:text-white">
        ✕
      </button>
    </div>
  );
}
