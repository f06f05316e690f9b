"use client";
// The notebook page: composes the saved document, the Python kernel and per-cell run state.
import { type ReactNode, useCallback, useMemo, useRef, useState } from "react";
import type { RunKey } from "@/components/code-editor/early-editing";
import type { CellKind, NotebookDoc } from "@/lib/notebook/cell";
import { CLEARED, cellsToClear } from "@/lib/notebook/clear-outputs";
import { AgentPanel } from "@/components/agent/agent-panel";
import { FileDropZone } from "@/components/files/file-drop-zone";
import { FilePanel } from "@/components/files/file-panel";
import { useNotebookFiles, type InitialFiles } from "@/components/files/use-notebook-files";
import { useAgentRunner } from "@/components/agent/use-agent-runner";
import { FixWithAgentProvider, useFixHandler } from "@/components/agent/fix-with-agent";
import { PaneTabs, paneVisibility, type Pane } from "@/components/layout/pane-tabs";
import { CellView, type CellActions } from "./cell-view";
import { NotebookTitle } from "./notebook-title";
import { SaveIndicator } from "./save-indicator";
import { NotebookToolbar } from "./notebook-toolbar";
import { KeyboardHelp } from "./keyboard-help";
import { UndoToast } from "./undo-toast";
import { useCommandMode } from "./use-command-mode";
import { useCellRuntime } from "./use-cell-runtime";
import { useRunControl } from "./use-run-control";
import { useKernel } from "./use-kernel";
import type { PackageSource } from "@/lib/kernel/protocol";
import { useNotebookDocument } from "./use-notebook-document";

export function NotebookView({
  initial,
  initialFiles,
  packages,
  headerEnd,
}: {
  initial: NotebookDoc;
  initialFiles: InitialFiles;
  packages: PackageSource;
  /** Shown at the header's end (the page passes the account menu). */
  headerEnd?: ReactNode;
}) {
  const doc = useNotebookDocument(initial);
  const raw = useKernel(packages);
  // Every run and the agent go through the file-syncing kernel: files restored first, output/ saved after.
  const files = useNotebookFiles(initial.id, initialFiles, raw.kernel);
  const { kernel, status } = files;
  const runtime = useCellRuntime(kernel, doc.setOutputs);
  const agent = useAgentRunner(initial.id, doc, runtime, kernel);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [editingMarkdown, setEditingMarkdown] = useState<Set<string>>(new Set());
  // Which pane a narrow screen shows; wide screens show all three.
  const [pane, setPane] = useState<Pane>("notebook");
  const fixWithAgent = useFixHandler(doc.cellsRef, agent.ask, () => setPane("agent"));

  const editingMarkdownRef = useRef(editingMarkdown);
  editingMarkdownRef.current = editingMarkdown;
  const isMarkdownEditing = useCallback((id: string) => editingMarkdownRef.current.has(id), []);
  const setMarkdownEditing = useCallback((id: string, editing: boolean, focus = true) => {
    setEditingMarkdown((s) => {
      const next = new Set(s);
      if (editing) next.add(id);
      else next.delete(id);
      return next;
    });
    if (editing && focus) setFocusId(id);
  }, []);

  /** Runs one cell (a markdown cell renders); where the cursor goes next is the command mode's. */
  const runCell = useCallback(
    (id: string) => {
      const cell = doc.cellsRef.current.find((c) => c.id === id);
      if (!cell) return;
      if (cell.kind === "markdown") setMarkdownEditing(id, false);
      if (cell.kind !== "code") return;
      void doc.flush(id);
      void runtime.run(id, cell.source);
    },
    [doc, runtime, setMarkdownEditing],
  );
  const modes = useCommandMode({
    doc,
    runCell,
    setMarkdownEditing,
    isMarkdownEditing,
    onRestored: runtime.carry,
  });
  const selected = modes.head;
  // Drag to reorder: the dragged cell and where it would land.
  const [drag, setDragState] = useState<{ id: string; over: string | null; after: boolean } | null>(null);
  // Read by the drop, which may come before React has rendered the last move.
  const dragRef = useRef(drag);
  const setDrag = useCallback((next: typeof drag) => {
    dragRef.current = next;
    setDragState(next);
  }, []);

  const control = useRunControl(kernel, runtime);
  const runAll = useCallback(() => {
    for (const c of doc.cellsRef.current) if (c.kind === "markdown") setMarkdownEditing(c.id, false);
    control.runAll(doc.cellsRef.current);
  }, [doc, control, setMarkdownEditing]);

  // Stable for the page's life (calls through a ref to this render's doc and runCell), so a
  // run or an edit re-renders only the cells whose props changed (CellView is memoized).
  const latest = useRef({ doc, modes, setMarkdownEditing });
  latest.current = { doc, modes, setMarkdownEditing };
  const actions: CellActions = useMemo(
    () => ({
      onChange: (id, source) => latest.current.doc.editSource(id, source),
      onRun: (id, how: RunKey) => latest.current.modes.runFromEditor(id, how),
      onInsert: async (index: number, kind: CellKind) => {
        const cell = await latest.current.doc.insert(index, kind);
        if (cell) {
          if (kind === "markdown") latest.current.setMarkdownEditing(cell.id, true);
          latest.current.modes.focusCell(cell.id, "edit");
        }
      },
      onDelete: (id) => latest.current.modes.deleteCells([id]),
      onDuplicate: (id) => latest.current.modes.duplicate([id]),
      onMove: (id, delta) => latest.current.doc.move(id, delta),
      onKind: (id, kind) => {
        latest.current.doc.changeKind(id, kind);
        if (kind === "markdown") latest.current.setMarkdownEditing(id, true);
      },
      onEditMarkdown: (id, editing) => latest.current.setMarkdownEditing(id, editing),
      onCommandMode: (id) => {
        const cell = latest.current.doc.cellsRef.current.find((c) => c.id === id);
        if (cell?.kind === "markdown") latest.current.setMarkdownEditing(id, false);
        latest.current.modes.toCommandMode(id);
      },
      onFocus: (id) => latest.current.modes.select(id),
      onResolveConflict: (id, keep) => latest.current.doc.resolveConflict(id, keep),
      onDragStart: (id) => setDrag({ id, over: null, after: false }),
      onDragOver: (id, after) => {
        const d = dragRef.current;
        if (d && (d.over !== id || d.after !== after)) setDrag({ ...d, over: id, after });
      },
      onDrop: () => {
        const { doc } = latest.current;
        const drag = dragRef.current;
        setDrag(null);
        if (!drag?.over || drag.over === drag.id) return;
        const rest = doc.cellsRef.current.filter((c) => c.id !== drag.id);
        const at = rest.findIndex((c) => c.id === drag.over);
        if (at >= 0) doc.moveTo(drag.id, at + (drag.after ? 1 : 0));
      },
      onDragEnd: () => setDrag(null),
      onClearOutputs: (id) => latest.current.doc.setOutputs(id, [...CLEARED.outputs], null, null),
    }),
    [setDrag],
  );

  const page = (
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
              {headerEnd}
            </div>
            <NotebookToolbar
              notebookId={initial.id}
              shareNotes={initial.settings.shareNotes === true}
              status={status}
              busy={runtime.anyActive}
              onRunAll={runAll}
              onInterrupt={control.interrupt}
              onRestart={control.restart}
              onKeyboardHelp={() => modes.setHelpOpen(true)}
              onClearAll={() => {
                const active = (id: string) => ["queued", "running"].includes(runtime.runs[id]?.phase ?? "");
                for (const id of cellsToClear(doc.cellsRef.current, active)) actions.onClearOutputs(id);
              }}
            />
          </div>
          {control.dialog}
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
                inSelection={modes.selectedIds.length > 1 && modes.selectedIds.includes(cell.id)}
                dropAt={drag?.over === cell.id && drag.id !== cell.id ? (drag.after ? "after" : "before") : null}
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
          {modes.helpOpen && <KeyboardHelp onClose={() => modes.setHelpOpen(false)} />}
          {modes.undoable && (
            <UndoToast
              key={modes.undoable.n}
              count={modes.undoable.count}
              onUndo={() => void modes.undoDelete()}
              onDismiss={modes.dismissUndo}
            />
          )}
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
  return <FixWithAgentProvider value={fixWithAgent}>{page}</FixWithAgentProvider>;
}
