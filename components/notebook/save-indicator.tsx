"use client";
// "Saving…" while any edit, structural change or output save is on its way; "Saved" otherwise.
// data-state lets tests (and people) wait until a reload is safe.
import type { SaveState } from "@/lib/notebook/cell-saver";

export function SaveIndicator({
  pendingWrites,
  saveStates,
}: {
  pendingWrites: number;
  saveStates: Record<string, SaveState>;
}) {
  const states = Object.values(saveStates);
  const state = states.includes("error")
    ? "error"
    : pendingWrites > 0 || states.some((s) => s === "pending" || s === "saving")
      ? "saving"
      : "saved";
  const label = { saving: "Saving…", saved: "Saved", error: "Not saved" }[state];
  return (
    <span
      data-testid="save-indicator"
      data-state={state}
      aria-live="polite"
      className={`text-xs ${state === "error" ? "text-red-700" : "text-slate-400"}`}
    >
      {label}
    </span>
  );
}
