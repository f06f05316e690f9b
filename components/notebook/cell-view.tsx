"use client";
import { memo } from "react";
import { CodeEditor } from "@/components/code-editor/code-editor";
import { OutputView } from "@/components/output/output-view";
import type { CellDoc, CellKind } from "@/lib/notebook/cell";
import type { SaveState } from "@/lib/notebook/cell-saver";
import { CellToolbar } from "./cell-toolbar";
import { ConflictBanner } from "./conflict-banner";
import { MarkdownView } from "./markdown-view";
import type { CellRun } from "./use-cell-runtime";

export interface CellActions {
  onChange(id: string, source: string): void;
  onRun(id: string, advance: boolean): void;
  onInsert(index: number, kind: CellKind): void;
  onDelete(id: string): void;
  onMove(id: string, delta: number): void;
  onKind(id: string, kind: CellKind): void;
  onEditMarkdown(id: string, editing: boolean): void;
  onFocus(id: string): void;
  onResolveConflict(id: string, keep: "mine" | "theirs"): void;
  onClearOutputs(id: string): void;
}

interface Props {
  cell: CellDoc;
  index: number;
  count: number;
  run: CellRun | undefined;
  saveState: SaveState | undefined;
  conflict: CellDoc | undefined;
  selected: boolean;
  editingMarkdown: boolean;
  autoFocus: boolean;
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
  editingMarkdown,
  autoFocus,
  actions,
}: Props) {
  const active = run && (run.phase === "queued" || run.phase === "running");
  const outputs = active ? run.liveOutputs : cell.outputs;
  const phase = run?.phase ?? (cell.outputs.some((o) => o.output_type === "error") ? "error" : null);
  const showEditor = cell.kind !== "markdown" || editingMarkdown;
  const prompt = active ? (run.phase === "queued" ? "*" : "*") : (cell.executionCount ?? " ");

  return (
    <section
      data-testid="cell"
      data-cell-id={cell.id}
      data-kind={cell.kind}
      data-phase={phase ?? "idle"}
      data-save-state={saveState ?? "saved"}
      onFocusCapture={() => actions.onFocus(cell.id)}
      className={`group relative rounded-lg border bg-white ${
        selected ? "border-blue-400 shadow-sm" : "border-slate-200"
      } ${phase === "running" ? "ring-2 ring-amber-300" : ""}`}
    >
      <CellToolbar cell={cell} index={index} count={count} phase={phase} saveState={saveState} actions={actions} />
      <div className="flex">
        <div
          className="w-14 shrink-0 select-none pt-2 pr-2 text-right font-mono text-xs text-slate-400"
          data-testid="execution-count"
          title={run ? `${run.phase}` : undefined}
        >
          {cell.kind === "code" ? `[${prompt}]` : ""}
          {run?.stale && !active && (
            <div
              data-testid="cell-stale"
              className="mt-1 rounded bg-amber-50 px-1 text-[10px] text-amber-700"
              title="Python restarted since this cell ran: its variables are gone. Run it again."
            >
              stale
            </div>
          )}
        </div>
        <div className="min-w-0 flex-1 pr-2 pb-1">
          {conflict && (
            <ConflictBanner onResolve={(keep) => actions.onResolveConflict(cell.id, keep)} theirs={conflict.source} />
          )}
          {showEditor ? (
            <div className="rounded border border-slate-100 bg-slate-50/60">
              <CodeEditor
                path={`cell-${cell.id}.${cell.kind === "code" ? "py" : "md"}`}
                value={cell.source}
                language={cell.kind === "code" ? "python" : cell.kind === "markdown" ? "markdown" : "plaintext"}
                onChange={(v) => actions.onChange(cell.id, v)}
                onRunAndAdvance={() => actions.onRun(cell.id, true)}
                onRunInPlace={() => actions.onRun(cell.id, false)}
                onEscape={() => cell.kind === "markdown" && actions.onEditMarkdown(cell.id, false)}
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
        <div className="pl-14">
          {active && run.packageProgress && (
            <div
              data-testid="package-progress"
              role="status"
              className="mx-3 my-1 rounded bg-sky-50 px-2 py-1 text-xs text-sky-900"
            >
              {run.packageProgress}
            </div>
          )}
          <OutputView outputs={outputs} onClear={active ? undefined : () => actions.onClearOutputs(cell.id)} />
        </div>
      )}
    </section>
  );
});
