"use client";
import { memo } from "react";
import { CodeEditor } from "@/components/code-editor/code-editor";
import type { RunKey } from "@/components/code-editor/early-editing";
import { OutputView } from "@/components/output/output-view";
import { useFixWithAgent } from "@/components/agent/fix-with-agent";
import type { CellDoc, CellKind } from "@/lib/notebook/cell";
import type { SaveState } from "@/lib/notebook/cell-saver";
import { CellRunTime } from "./cell-run-time";
import { CellActionBar, CellStatus } from "./cell-toolbar";
import { ConflictBanner } from "./conflict-banner";
import { MarkdownView } from "./markdown-view";
import type { CellRun } from "./use-cell-runtime";

export interface CellActions {
  onChange(id: string, source: string): void;
  /** "stay": Ctrl+Enter, "advance": Shift+Enter, "insert": Alt+Enter. */
  onRun(id: string, how: RunKey): void;
  onInsert(index: number, kind: CellKind): void;
  onDelete(id: string): void;
  onDuplicate(id: string): void;
  onMove(id: string, delta: number): void;
  onKind(id: string, kind: CellKind): void;
  onEditMarkdown(id: string, editing: boolean): void;
  /** Esc in the editor: leave it, keep the cell selected (command mode). */
  onCommandMode(id: string): void;
  onFocus(id: string): void;
  onResolveConflict(id: string, keep: "mine" | "theirs"): void;
  onDragStart(id: string): void;
  onDragOver(id: string, after: boolean): void;
  onDrop(): void;
  onDragEnd(): void;
  onClearOutputs(id: string): void;
}

/** The editor's model path: the notebook focuses a cell's editor by it. */
export const cellEditorPath = (cell: Pick<CellDoc, "id" | "kind">) =>
  `cell-${cell.id}.${cell.kind === "code" ? "py" : "md"}`;

interface Props {
  cell: CellDoc;
  index: number;
  count: number;
  run: CellRun | undefined;
  saveState: SaveState | undefined;
  conflict: CellDoc | undefined;
  /** The selected cell (the head of the selection): the actions act on it. */
  selected: boolean;
  /** Part of a Shift+↑/↓ selection. */
  inSelection: boolean;
  editingMarkdown: boolean;
  autoFocus: boolean;
  /** Where a dragged cell would land. */
  dropAt: "before" | "after" | null;
  actions: CellActions;
}

export const CellView = memo(function CellView({
  cell,
  index,
  count,
  run,
  saveState,
  conflict,
  selected,
  inSelection,
  editingMarkdown,
  autoFocus,
  dropAt,
  actions,
}: Props) {
  const active = run && (run.phase === "queued" || run.phase === "running");
  const outputs = active ? run.liveOutputs : cell.outputs;
  const phase = run?.phase ?? (cell.outputs.some((o) => o.output_type === "error") ? "error" : null);
  const showEditor = cell.kind !== "markdown" || editingMarkdown;
  const prompt = active ? "*" : (cell.executionCount ?? " ");
  const fixWithAgent = useFixWithAgent();

  return (
    <section
      data-testid="cell"
      data-cell-id={cell.id}
      data-kind={cell.kind}
      data-phase={phase ?? "idle"}
      data-save-state={saveState ?? "saved"}
      data-selected={selected ? "true" : inSelection ? "range" : undefined}
      aria-label={`Cell ${index + 1}`}
      tabIndex={-1}
      onFocusCapture={() => actions.onFocus(cell.id)}
      className={`group relative rounded-md border-l-4 bg-white outline-none ${
        selected
          ? "border-l-blue-500 shadow-[0_0_0_1px_var(--color-blue-200)] focus:shadow-[0_0_0_2px_var(--color-blue-300)]"
          : inSelection
            ? "border-l-blue-300 bg-blue-50/60"
            : "border-l-transparent hover:border-l-slate-200"
      } ${phase === "running" ? "ring-2 ring-amber-300" : ""}`}
    >
      {dropAt && (
        <div
          data-testid="drop-indicator"
          className={`pointer-events-none absolute right-0 left-0 h-0.5 bg-blue-500 ${dropAt === "before" ? "-top-2" : "-bottom-2"}`}
        />
      )}
      <CellActionBar context={{ cell, index, count, phase, actions }} visible={selected} />
      <div className="flex">
        <div
          className="flex w-16 shrink-0 select-none flex-col items-end gap-0.5 pt-2 pr-2 text-right font-mono text-xs text-slate-400"
          title={run ? `${run.phase}` : undefined}
        >
          <div className="flex items-center gap-1">
            <button
              type="button"
              aria-label="Drag to move cell"
              title="Drag to move (or ↑ ↓ in the cell's bar)"
              onPointerDown={(e) => {
                if (e.button !== 0) return;
                e.preventDefault();
                startCellDrag(cell.id, actions);
              }}
              className={`cursor-grab touch-none px-0.5 text-slate-300 hover:text-slate-600 active:cursor-grabbing ${
                selected ? "" : "opacity-0 group-hover:opacity-100 focus:opacity-100"
              }`}
            >
              ⠿
            </button>
            <span data-testid="execution-count">{cell.kind === "code" ? `[${prompt}]` : ""}</span>
          </div>
          <CellStatus cell={cell} phase={phase} saveState={saveState} />
          {run?.stale && !active && (
            <div
              data-testid="cell-stale"
              className="rounded bg-amber-50 px-1 text-[10px] text-amber-700"
              title="Python restarted since this cell ran: its variables are gone. Run it again."
            >
              stale
            </div>
          )}
        </div>
        <div className="min-w-0 flex-1 py-1 pr-2">
          {conflict && (
            <ConflictBanner onResolve={(keep) => actions.onResolveConflict(cell.id, keep)} theirs={conflict.source} />
          )}
          {showEditor ? (
            <div className="rounded border border-slate-200 bg-slate-50/60 focus-within:border-blue-300 focus-within:bg-white">
              <CodeEditor
                path={cellEditorPath(cell)}
                value={cell.source}
                language={cell.kind === "code" ? "python" : cell.kind === "markdown" ? "markdown" : "plaintext"}
                onChange={(v) => actions.onChange(cell.id, v)}
                onRunAndAdvance={() => actions.onRun(cell.id, "advance")}
                onRunInPlace={() => actions.onRun(cell.id, "stay")}
                onRunAndInsert={() => actions.onRun(cell.id, "insert")}
                onEscape={() => actions.onCommandMode(cell.id)}
                autoFocus={autoFocus}
                ariaLabel={`Cell ${index + 1} source`}
              />
            </div>
          ) : (
            <MarkdownView
              source={cell.source}
              attachments={cell.attachments}
              onEdit={() => actions.onEditMarkdown(cell.id, true)}
            />
          )}
        </div>
      </div>
      {cell.kind === "code" && (
        <div className="pl-16">
          {active && run.packageProgress && (
            <div
              data-testid="package-progress"
              role="status"
              className="mx-3 my-1 rounded bg-sky-50 px-2 py-1 text-xs text-sky-900"
            >
              {run.packageProgress}
            </div>
          )}
          <CellRunTime run={run} savedDurationMs={cell.durationMs} />
          <OutputView
            outputs={outputs}
            onClear={active ? undefined : () => actions.onClearOutputs(cell.id)}
            onFixWithAgent={fixWithAgent && !active ? () => fixWithAgent(cell.id) : undefined}
          />
        </div>
      )}
    </section>
  );
});

/**
 * A drag by the handle, with pointer events (mouse, pen and touch alike): the cell under the
 * pointer and its half say where the cell would land; releasing drops it there.
 */
function startCellDrag(id: string, actions: CellActions) {
  actions.onDragStart(id);
  const move = (e: PointerEvent) => {
    const over = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('[data-testid="cell"]');
    const overId = over?.dataset.cellId;
    if (!over || !overId) return;
    const box = over.getBoundingClientRect();
    actions.onDragOver(overId, e.clientY > box.top + box.height / 2);
  };
  const end = (e: PointerEvent) => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", end);
    window.removeEventListener("pointercancel", end);
    if (e.type === "pointerup") actions.onDrop();
    else actions.onDragEnd();
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", end);
  window.addEventListener("pointercancel", end);
}
