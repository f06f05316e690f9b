"use client";
// The notebook page: composes the saved document, the Python kernel and per-cell run state.
import { useCallback, useMemo, useRef, useState } from "react";
import type { CellKind, NotebookDoc } from "@/lib/notebook/cell";
import { CLEARED, cellsToClear } from "@/lib/notebook/clear-outputs";
import { AgentPanel } from "@/components/agent/agent-panel";
import { FileDropZone } from "@/components/files/file-drop-zone";
import { FilePanel } from "@/components/files/file-panel";
import { useNotebookFiles, type InitialFiles } from "@/components/files/use-notebook-files";
import { useAgentRunner } from "@/components/agent/use-agent-runner";
import { PaneTabs, paneVisibility, type Pane } from "@/components/layout/pane-tabs";
import { CellView, type CellActions } from "./cell-view";
import { NotebookTitle } from "./notebook-title";
import { SaveIndicator } from "./save-indicator";
import { NotebookToolbar } from "./notebook-toolbar";
import { useCellRuntime } from "./use-cell-runtime";
import { useKernel } from "./use-kernel";
import type { PackageSource } from "@/lib/kernel/protocol";
import { useNotebookDocument } from "./use-notebook-document";

export function NotebookView({
  initial,
  initialFiles,
  packages,
}: {
  initial: NotebookDoc;
  initialFiles: InitialFiles;
  packages: PackageSource;
}) {
  const doc = useNotebookDocument(initial);
  const raw = useKernel(packages);
  // Every run and the agent go through the file-syncing kernel: files restored first, output/ saved after.
  const files = useNotebookFiles(initial.id, initialFiles, raw.kernel);
  const { kernel, status } = files;
  const runtime = useCellRuntime(kernel, doc.setOutputs);
  const agent = useAgentRunner(initial.id, doc, runtime, kernel);
  const [selected, setSelected] = useState<string | null>(initial.cells[0]?.id ?? null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [editingMarkdown, setEditingMarkdown] = useState<Set<string>>(new Set());
  // Which pane a narrow screen shows; wide screens show all three.
  const [pane, setPane] = useState<Pane>("notebook");

  const setMarkdownEditing = useCallback((id: string, editing: boolean) => {
    setEditingMarkdown((s) => {
      const next = new Set(s);
      if (editing) next.add(id);
      else next.delete(id);
      return next;
    });
    if (editing) setFocusId(id);
  }, []);

  const runCell = useCallback(
    async (id: string, advance: boolean) => {
      const cells = doc.cellsRef.current;
      const index = cells.findIndex((c) => c.id === id);
      const cell = cells[index];
      if (!cell) return;
      if (advance) {
        const next = cells[index + 1] ?? (await doc.insert(index + 1, "code"));
        if (next) {
          setSelected(next.id);
          setFocusId(next.id);
        }
      }
      if (cell.kind === "markdown") setMarkdownEditing(id, false);
      if (cell.kind !== "code") return;
      void doc.flush(id);
      await runtime.run(id, cell.source);
    },
    [doc, runtime, setMarkdownEditing],
  );

  const runAll = useCallback(() => {
    for (const c of doc.cellsRef.current) {
      if (c.kind === "markdown") setMarkdownEditing(c.id, false);
      if (c.kind === "code") void runtime.run(c.id, c.source);
    }
  }, [doc, runtime, setMarkdownEditing]);

  // Stable for the page's life (calls through a ref to this render's doc and runCell), so a
  // run or an edit re-renders only the cells whose props changed (CellView is memoized).
  const latest = useRef({ doc, runCell, setMarkdownEditing });
  latest.current = { doc, runCell, setMarkdownEditing };
  const actions: CellActions = useMemo(
    () => ({
      onChange: (id, source) => latest.current.doc.editSource(id, source),
      onRun: (id, advance) => void latest.current.runCell(id, advance),
      onInsert: async (index: number, kind: CellKind) => {
        const cell = await latest.current.doc.insert(index, kind);
        if (cell) {
          setSelected(cell.id);
          setFocusId(cell.id);
          if (kind === "markdown") latest.current.setMarkdownEditing(cell.id, true);
        }
      },
      onDelete: (id) => latest.current.doc.remove(id),
      onMove: (id, delta) => latest.current.doc.move(id, delta),
      onKind: (id, kind) => {
        latest.current.doc.changeKind(id, kind);
        if (kind === "markdown") latest.current.setMarkdownEditing(id, true);
      },
      onEditMarkdown: (id, editing) => latest.current.setMarkdownEditing(id, editing),
      onFocus: setSelected,
      onResolveConflict: (id, keep) => latest.current.doc.resolveConflict(id, keep),
      onClearOutputs: (id) => latest.current.doc.setOutputs(id, [...CLEARED.outputs], null, null),
    }),
    [],
  );

  return (
    <FileDropZone onFiles={(list) => void files.upload(list)}>
      {/* Narrow: the page is exactly the screen's height; the header stays put and the chosen pane
          scrolls (or, for the agent, fills the rest of the screen with its prompt box at the bottom). */}
      <div className="min-h-screen max-[899px]:flex max-[899px]:h-dvh max-[899px]:min-h-0 max-[899px]:flex-col">
        <header className="sticky top-0 z-10 border-b border-slate-200 bg-white max-[899px]:shrink-0">
          <div className="mx-auto flex max-w-[90rem] flex-wrap items-center gap-x-3 gap-y-1.5 px-4 py-2 max-[899px]:px-3">
            <div className="flex min-w-0 flex-[1_1_16rem] items-center gap-3">
              <a href="/" className="text-sm font-semibold text-slate-500 hover:text-slate-900">
                Pylot
              </a>
              <span className="text-slate-300">/</span>
              <NotebookTitle notebookId={initial.id} initial={initial.title} />
              <span className="flex-1" />
              <SaveIndicator
                pendingWrites={doc.pendingWrites}
                saveStates={doc.saveStates}
                outputsRetrying={doc.outputsRetrying}
              />
            </div>
            <NotebookToolbar
              notebookId={initial.id}
              shareNotes={initial.settings.shareNotes === true}
              status={status}
              busy={runtime.anyActive}
              onRunAll={runAll}
              onInterrupt={() => void kernel?.interrupt()}
              onRestart={() => void kernel?.restart()}
              onClearAll={() => {
                const active = (id: string) => ["queued", "running"].includes(runtime.runs[id]?.phase ?? "");
                for (const id of cellsToClear(doc.cellsRef.current, active)) actions.onClearOutputs(id);
              }}
            />
          </div>
          <PaneTabs pane={pane} onChange={setPane} fileCount={files.files.length} agentBusy={agent.live !== null} />
        </header>
        <div className="mx-auto flex max-w-[90rem] items-start gap-4 px-4 py-6 max-[899px]:min-h-0 max-[899px]:w-full max-[899px]:flex-1 max-[899px]:overflow-y-auto max-[899px]:px-2 max-[899px]:py-3">
          <main
            id="pane-notebook"
            aria-label="Notebook"
            className={`min-w-0 flex-1 space-y-3 ${paneVisibility("notebook", pane)}`}
          >
            {doc.error && (
              <div
                role="alert"
                className="flex items-center gap-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
              >
                <span className="flex-1">{doc.error}</span>
                <button type="button" className="underline" onClick={() => void doc.reload()}>
                  Reload notebook
                </button>
                <button type="button" className="underline" onClick={doc.clearError}>
                  Dismiss
                </button>
              </div>
            )}
            {doc.cells.map((cell, i) => (
              <CellView
                key={cell.id}
                cell={cell}
                index={i}
                count={doc.cells.length}
                run={runtime.runs[cell.id]}
                saveState={doc.saveStates[cell.id]}
                conflict={doc.conflicts[cell.id]}
                selected={selected === cell.id}
                editingMarkdown={editingMarkdown.has(cell.id)}
                autoFocus={focusId === cell.id}
                actions={actions}
              />
            ))}
            <div className="flex justify-center gap-2 pt-2">
              <button
                type="button"
                className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
                onClick={() => void actions.onInsert(doc.cells.length, "code")}
              >
                + Code
              </button>
              <button
                type="button"
                className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
                onClick={() => void actions.onInsert(doc.cells.length, "markdown")}
              >
                + Markdown
              </button>
            </div>
          </main>
          {/* Wide: a fixed column beside the cells. Narrow: the chosen pane, full width, in place of the cells. */}
          <div
            className={`sticky top-16 flex h-[calc(100vh-5rem)] w-[24rem] shrink-0 flex-col gap-3 max-[899px]:static max-[899px]:w-full ${
              pane === "notebook"
                ? "max-[899px]:hidden"
                : pane === "files"
                  ? "max-[899px]:h-auto"
                  : "max-[899px]:h-full"
            }`}
          >
            <div id="pane-files" className={`contents ${paneVisibility("files", pane)}`}>
              <FilePanel notebookId={initial.id} files={files} />
            </div>
            <div id="pane-agent" className={`min-h-0 flex-1 ${paneVisibility("agent", pane)}`}>
              <AgentPanel runner={agent} settings={initial.settings} />
            </div>
          </div>
        </div>
      </div>
    </FileDropZone>
  );
}
