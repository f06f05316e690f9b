"use client";
// What the header says about saving, truthfully: "Saving…" while any edit, structural change or
// output save is on its way; "Offline, retrying" while a save failed on the way and is being sent
// again; "Not saved" when the server refused one; "Saved" only when nothing is left.
// data-state lets tests (and people) wait until a reload is safe.
import type { SaveState } from "@/lib/notebook/cell-saver";

type IndicatorState = "saving" | "offline" | "saved" | "error";

const LABEL: Record<IndicatorState, string> = {
  saving: "Saving…",
  offline: "Offline, retrying",
  saved: "Saved",
  error: "Not saved",
};

export function indicatorState(
  pendingWrites: number,
  saveStates: Record<string, SaveState>,
  outputsRetrying: boolean,
): IndicatorState {
  const states = Object.values(saveStates);
  if (states.includes("error")) return "error";
  if (outputsRetrying || states.includes("retrying")) return "offline";
  if (pendingWrites > 0 || states.some((s) => s === "pending" || s === "saving")) return "saving";
  return "saved";
}

export function SaveIndicator({
  pendingWrites,
  saveStates,
  outputsRetrying = false,
}: {
  pendingWrites: number;
  saveStates: Record<string, SaveState>;
  outputsRetrying?: boolean;
}) {
  const state = indicatorState(pendingWrites, saveStates, outputsRetrying);
  return (
    <span
      data-testid="save-indicator"
      data-state={state}
      aria-live="polite"
      className={`text-xs ${state === "error" ? "text-red-700" : state === "offline" ? "text-amber-700" : "text-slate-400"}`}
    >
      {LABEL[state]}
    </span>
  );
}
