"use client";
// A cell's chrome. The status (run phase, save state, author) is always shown, in the gutter;
// the actions (cell-commands.ts) float on the selected or hovered cell only.
import type { CellDoc } from "@/lib/notebook/cell";
import type { SaveState } from "@/lib/notebook/cell-saver";
import { CELL_COMMANDS, type CellCommandContext } from "./cell-commands";
import type { RunPhase } from "./use-cell-runtime";

const PHASE_LABEL: Record<RunPhase, string> = {
  queued: "queued",
  running: "running…",
  done: "done",
  error: "error",
  interrupted: "interrupted",
  cancelled: "cancelled",
};

const SAVE_LABEL: Partial<Record<SaveState, string>> = {
  pending: "unsaved",
  saving: "saving…",
  retrying: "offline, retrying",
  conflict: "conflict",
  error: "not saved",
};

export function CellStatus({
  cell,
  phase,
  saveState,
}: {
  cell: CellDoc;
  phase: RunPhase | null;
  saveState: SaveState | undefined;
}) {
  return (
    <div className="flex flex-col items-end gap-0.5 text-[10px] leading-tight">
      {phase && (
        <span
          data-testid="cell-phase"
          className={
            phase === "error" || phase === "interrupted"
              ? "text-red-600"
              : phase === "running"
                ? "text-amber-600"
                : "text-slate-400"
          }
        >
          {PHASE_LABEL[phase]}
        </span>
      )}
      {cell.author === "agent" && <span className="rounded bg-violet-100 px-1 text-violet-700">agent</span>}
      {saveState && SAVE_LABEL[saveState] && (
        <span
          data-testid="cell-save-state"
          className={saveState === "error" || saveState === "conflict" ? "text-red-600" : "text-slate-400"}
        >
          {SAVE_LABEL[saveState]}
        </span>
      )}
    </div>
  );
}

/** The floating bar: visible on the selected cell, and on any cell while hovered or focused inside. */
export function CellActionBar({ context, visible }: { context: CellCommandContext; visible: boolean }) {
  const { cell, actions } = context;
  const btn =
    "flex h-6 min-w-6 items-center justify-center rounded px-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-30 disabled:hover:bg-transparent";
  return (
    <div
      data-testid="cell-actions"
      className={`absolute -top-3.5 right-2 z-[5] flex items-center gap-0.5 rounded-md border border-slate-200 bg-white px-1 py-0.5 shadow-sm ${
        visible ? "" : "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100"
      }`}
    >
      <select
        aria-label="Cell type"
        title="Cell type (Y code, M markdown, R raw)"
        value={cell.kind}
        onChange={(e) => actions.onKind(cell.id, e.target.value as CellDoc["kind"])}
        className="h-6 rounded border-0 bg-transparent px-0.5 text-xs text-slate-600 hover:bg-slate-100"
      >
        <option value="code">Code</option>
        <option value="markdown">Markdown</option>
        <option value="raw">Raw</option>
      </select>
      {CELL_COMMANDS.map((c) => (
        <button
          key={c.label}
          type="button"
          aria-label={c.label}
          title={c.keys ? `${c.label} (${c.keys})` : c.label}
          disabled={c.disabled?.(context)}
          onClick={() => c.run(context)}
          className={`${btn} ${c.danger ? "hover:text-red-700" : ""}`}
        >
          {c.icon}
        </button>
      ))}
    </div>
  );
}
