"use client";
import type { CellDoc } from "@/lib/notebook/cell";
import type { SaveState } from "@/lib/notebook/cell-saver";
import type { CellActions } from "./cell-view";
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

interface Props {
  cell: CellDoc;
  index: number;
  count: number;
  phase: RunPhase | null;
  saveState: SaveState | undefined;
  actions: CellActions;
}

export function CellToolbar({ cell, index, count, phase, saveState, actions }: Props) {
  const btn =
    "rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-30";
  return (
    <div className="flex flex-wrap items-center gap-1 px-2 pt-1 text-xs">
      <button
        type="button"
        className={btn}
        title="Run (Ctrl+Enter)"
        aria-label="Run cell"
        onClick={() => actions.onRun(cell.id, false)}
      >
        ▶ Run
      </button>
      {phase && (
        <span
          data-testid="cell-phase"
          className={`ml-1 ${phase === "error" || phase === "interrupted" ? "text-red-600" : phase === "running" ? "text-amber-600" : "text-slate-400"}`}
        >
          {PHASE_LABEL[phase]}
        </span>
      )}
      {cell.author === "agent" && <span className="ml-1 rounded bg-violet-100 px-1 text-violet-700">agent</span>}
      {saveState && SAVE_LABEL[saveState] && (
        <span
          data-testid="cell-save-state"
          className={saveState === "error" || saveState === "conflict" ? "text-red-600" : "text-slate-400"}
        >
          · {SAVE_LABEL[saveState]}
        </span>
      )}
      <span className="flex-1" />
      <select
        aria-label="Cell type"
        value={cell.kind}
        onChange={(e) => actions.onKind(cell.id, e.target.value as CellDoc["kind"])}
        className="rounded border border-slate-200 bg-white px-1 py-0.5 text-xs text-slate-600"
      >
        <option value="code">Code</option>
        <option value="markdown">Markdown</option>
        <option value="raw">Raw</option>
      </select>
      <button
        type="button"
        className={btn}
        aria-label="Move cell up"
        disabled={index === 0}
        onClick={() => actions.onMove(cell.id, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        className={btn}
        aria-label="Move cell down"
        disabled={index === count - 1}
        onClick={() => actions.onMove(cell.id, 1)}
      >
        ↓
      </button>
      <button type="button" className={btn} aria-label="Add cell above" onClick={() => actions.onInsert(index, "code")}>
        + above
      </button>
      <button
        type="button"
        className={btn}
        aria-label="Add cell below"
        onClick={() => actions.onInsert(index + 1, "code")}
      >
        + below
      </button>
      <button
        type="button"
        className={`${btn} hover:text-red-700`}
        aria-label="Delete cell"
        onClick={() => actions.onDelete(cell.id)}
      >
        Delete
      </button>
    </div>
  );
}
