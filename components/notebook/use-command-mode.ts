"use client";
// JupyterLab's two modes. Edit mode: the cursor is in a cell's editor. Command mode: the
// selected cell itself has the focus and single keys act on the selection (command-keys.ts).
// Also the clipboard of cells, the undo stack of deletions and where the cursor goes after a run.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { focusCodeEditor, type TypedKey, typeInCodeEditor } from "@/components/code-editor/code-editor";
import type { RunKey } from "@/components/code-editor/early-editing";
import type { CellDoc, CellKind } from "@/lib/notebook/cell";
import { commandForKey, type KeyPress, type NotebookCommand } from "@/lib/notebook/command-keys";
import { cellRange } from "@/lib/notebook/document-ops";
import { assertNever } from "@/lib/kernel/protocol";
import { cellEditorPath } from "./cell-view";
import type { NotebookDocument } from "./use-notebook-document";

interface Deps {
  doc: NotebookDocument;
  /** Runs one cell (a markdown cell renders); does not move the selection. */
  runCell(id: string): void;
  setMarkdownEditing(id: string, editing: boolean, focus?: boolean): void;
  isMarkdownEditing(id: string): boolean;
  /** A deleted cell was put back as `toId`: it keeps what it showed (its run status). */
  onRestored(fromId: string, toId: string): void;
}

interface FocusRequest {
  id: string;
  mode: "edit" | "command";
  n: number;
}

/** One undoable deletion: the cells and where each stood. */
type Deleted = { cell: CellDoc; index: number }[];

/** A held key replayed in edit mode: text, Backspace, or nothing (other keys are dropped). */
function typedKey(k: KeyPress): TypedKey | null {
  if (k.ctrlKey || k.metaKey || k.altKey) return null;
  if (k.key === "Backspace") return "Backspace";
  if (k.key === "Enter" && !k.shiftKey) return { text: "\n" };
  return k.key.length === 1 ? { text: k.key } : null;
}
const MODIFIER_KEYS = new Set(["Shift", "Control", "Alt", "Meta"]);

const cellElement = (id: string) =>
  document.querySelector<HTMLElement>(`[data-testid="cell"][data-cell-id="${CSS.escape(id)}"]`);

export function useCommandMode({ doc, runCell, setMarkdownEditing, isMarkdownEditing, onRestored }: Deps) {
  const first = doc.cellsRef.current[0]?.id ?? null;
  const [head, setHead] = useState<string | null>(first);
  const [anchor, setAnchor] = useState<string | null>(first);
  const [focusReq, setFocusReq] = useState<FocusRequest | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [undoable, setUndoable] = useState<{ count: number; n: number } | null>(null);
  const undoStack = useRef<Deleted[]>([]);
  const clipboard = useRef<CellDoc[]>([]);
  const afterD = useRef(false);
  const sel = useRef({ head, anchor });
  sel.current = { head, anchor };

  const selectedIds = useMemo(
    () => (head ? cellRange(doc.cells, anchor ?? head, head) : []),
    [doc.cells, anchor, head],
  );

  /** Selects one cell (a click or focus inside it); keeps a range whose head it already is. */
  const select = useCallback((id: string) => {
    if (sel.current.head === id) return;
    setHead(id);
    setAnchor(id);
  }, []);

  const focusCell = useCallback((id: string, mode: "edit" | "command") => {
    setHead(id);
    setAnchor(id);
    setFocusReq((r) => ({ id, mode, n: (r?.n ?? 0) + 1 }));
  }, []);

  // After the render that shows the cell (a new one is on the page by now: children's layout
  // effects, which register the editors, run before this one).
  useLayoutEffect(() => {
    if (!focusReq) return;
    const cell = doc.cellsRef.current.find((c) => c.id === focusReq.id);
    if (!cell) return;
    if (focusReq.mode === "edit") {
      if (cell.kind === "markdown" && !isMarkdownEditing(cell.id)) {
        setMarkdownEditing(cell.id, true, true); // the editor mounts focused
        return;
      }
      if (focusCodeEditor(cellEditorPath(cell))) {
        cellElement(cell.id)?.scrollIntoView({ block: "nearest" });
        return;
      }
    }
    const el = cellElement(cell.id);
    el?.focus({ preventScroll: true });
    el?.scrollIntoView({ block: "nearest" });
  }, [focusReq, doc.cellsRef, isMarkdownEditing, setMarkdownEditing]);

  /** Where the cursor goes after a cell has run and the next one is chosen: its editor, or the rendered markdown. */
  const enterNext = useCallback(
    (cell: CellDoc) => focusCell(cell.id, cell.kind === "markdown" && !isMarkdownEditing(cell.id) ? "command" : "edit"),
    [focusCell, isMarkdownEditing],
  );

  const run = useCallback(
    async (ids: string[], how: RunKey, from: "edit" | "command") => {
      const cells = doc.cellsRef.current;
      for (const id of ids) runCell(id);
      const last = ids[ids.length - 1];
      const index = cells.findIndex((c) => c.id === last);
      if (index < 0) return;
      switch (how) {
        case "stay": {
          const cell = cells[index]!;
          // A markdown cell renders: its editor is gone, so the cell itself keeps the focus.
          if (from === "command" || cell.kind === "markdown") focusCell(cell.id, "command");
          return;
        }
        case "advance": {
          const next = cells[index + 1];
          if (next) {
            if (from === "command") focusCell(next.id, "command");
            else enterNext(next);
            return;
          }
          const added = await doc.insert(index + 1, "code");
          if (added) focusCell(added.id, "edit");
          return;
        }
        case "insert": {
          const added = await doc.insert(index + 1, "code");
          if (added) focusCell(added.id, "edit");
          return;
        }
        default:
          assertNever(how);
      }
    },
    [doc, runCell, focusCell, enterNext],
  );

  const deleteCells = useCallback(
    (ids: string[]) => {
      const cells = doc.cellsRef.current;
      const gone: Deleted = cells.flatMap((cell, index) => (ids.includes(cell.id) ? [{ cell, index }] : []));
      if (gone.length === 0) return;
      for (const { cell } of gone) doc.remove(cell.id);
      undoStack.current.push(gone);
      setUndoable((u) => ({ count: gone.length, n: (u?.n ?? 0) + 1 }));
      const rest = doc.cellsRef.current;
      const next = rest[Math.min(gone[0]!.index, rest.length - 1)];
      if (next) focusCell(next.id, "command");
      else {
        setHead(null);
        setAnchor(null);
      }
    },
    [doc, focusCell],
  );

  const undoDelete = useCallback(async () => {
    const gone = undoStack.current.pop();
    setUndoable(null);
    if (!gone) return;
    let lastId: string | null = null;
    // In ascending order, so each cell goes back to the index it had.
    for (const { cell, index } of gone) {
      const restored = await doc.insertCopy(cell, index);
      if (!restored) continue;
      onRestored(cell.id, restored.id);
      lastId = restored.id;
    }
    if (lastId) focusCell(lastId, "command");
  }, [doc, focusCell, onRestored]);

  const paste = useCallback(
    async (cells: CellDoc[], at: number) => {
      let lastId: string | null = null;
      for (const [i, cell] of cells.entries()) lastId = (await doc.insertCopy(cell, at + i))?.id ?? lastId;
      if (lastId) focusCell(lastId, "command");
    },
    [doc, focusCell],
  );

  const duplicate = useCallback(
    async (ids: string[]) => {
      const cells = doc.cellsRef.current;
      const picked = cells.filter((c) => ids.includes(c.id));
      const lastIndex = cells.findIndex((c) => c.id === picked[picked.length - 1]?.id);
      if (lastIndex >= 0) await paste(picked, lastIndex + 1);
    },
    [doc, paste],
  );

  const insertAt = useCallback(
    async (index: number, kind: CellKind, mode: "edit" | "command") => {
      const cell = await doc.insert(index, kind);
      if (cell) focusCell(cell.id, mode);
    },
    [doc, focusCell],
  );

  // Keys pressed while a command that adds cells waits for the server (A, B, paste, Z, Shift+Enter
  // on the last cell) are held, then replayed one per render once the new cell is selected: a quick
  // "B Enter x" types x into the new cell, as in JupyterLab, not into the cell that was selected.
  const adding = useRef(0);
  const held = useRef<KeyPress[]>([]);
  const [replayTick, setReplayTick] = useState(0);
  /** The next held key replays after the next commit, once nothing is being added. */
  const replayNext = useCallback(() => {
    if (adding.current === 0 && held.current.length > 0) setReplayTick((n) => n + 1);
  }, []);
  const whileAdding = useCallback(
    (op: Promise<unknown>) => {
      adding.current++;
      void op.finally(() => {
        adding.current--;
        replayNext();
      });
    },
    [replayNext],
  );

  const execute = useCallback(
    (command: NotebookCommand) => {
      const cells = doc.cellsRef.current;
      const { head, anchor } = sel.current;
      const ids = head ? cellRange(cells, anchor ?? head, head) : [];
      const headIndex = cells.findIndex((c) => c.id === head);
      const firstIndex = cells.findIndex((c) => c.id === ids[0]);
      const lastIndex = cells.findIndex((c) => c.id === ids[ids.length - 1]);
      const move = (delta: number, extend: boolean) => {
        const target = cells[Math.max(0, Math.min(cells.length - 1, headIndex + delta))];
        if (!target) return;
        if (extend) {
          setHead(target.id);
          setFocusReq((r) => ({ id: target.id, mode: "command", n: (r?.n ?? 0) + 1 }));
        } else focusCell(target.id, "command");
      };
      switch (command) {
        case "edit":
          if (head) focusCell(head, "edit");
          return;
        case "select-up":
          return move(-1, false);
        case "select-down":
          return move(1, false);
        case "extend-up":
          return move(-1, true);
        case "extend-down":
          return move(1, true);
        case "select-all": {
          const first = cells[0];
          const last = cells[cells.length - 1];
          if (!first || !last) return;
          setAnchor(first.id);
          setHead(last.id);
          setFocusReq((r) => ({ id: last.id, mode: "command", n: (r?.n ?? 0) + 1 }));
          return;
        }
        case "insert-above":
          return whileAdding(insertAt(Math.max(0, firstIndex), "code", "command"));
        case "insert-below":
          return whileAdding(insertAt(lastIndex + 1, "code", "command"));
        case "delete":
          return deleteCells(ids);
        case "undo-delete":
          return whileAdding(undoDelete());
        case "to-markdown":
        case "to-code":
        case "to-raw": {
          const kind: CellKind = command === "to-markdown" ? "markdown" : command === "to-code" ? "code" : "raw";
          for (const c of cells) if (ids.includes(c.id) && c.kind !== kind) doc.changeKind(c.id, kind);
          return;
        }
        case "copy":
          clipboard.current = cells.filter((c) => ids.includes(c.id));
          return;
        case "cut":
          clipboard.current = cells.filter((c) => ids.includes(c.id));
          return deleteCells(ids);
        case "paste-below":
          return whileAdding(paste(clipboard.current, lastIndex + 1));
        case "paste-above":
          return whileAdding(paste(clipboard.current, Math.max(0, firstIndex)));
        case "duplicate":
          return whileAdding(duplicate(ids));
        case "run-advance":
          return whileAdding(run(ids, "advance", "command"));
        case "run":
          return void run(ids, "stay", "command");
        case "run-insert":
          return whileAdding(run(ids, "insert", "command"));
        case "help":
          return setHelpOpen(true);
        case "block-browser-undo":
          return;
        default:
          assertNever(command);
      }
    },
    [doc, focusCell, insertAt, deleteCells, undoDelete, paste, duplicate, run, whileAdding],
  );

  /** One key in command mode; false if it means nothing there. */
  const commandKey = useCallback(
    (press: KeyPress): boolean => {
      const hit = commandForKey(press, afterD.current);
      afterD.current = hit !== null && "pendingD" in hit;
      if (!hit) return false;
      if ("command" in hit) execute(hit.command);
      return true;
    },
    [execute],
  );
  const latestCommandKey = useRef(commandKey);
  latestCommandKey.current = commandKey;

  // One held key per commit, after the commit that moved the focus for the previous one: in a
  // cell's editor it is typed there (text, Enter, Backspace; Esc leaves it), else it is a command.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on the tick only (the queue is a ref)
  useLayoutEffect(() => {
    if (adding.current > 0) return;
    const press = held.current.shift();
    if (!press) return;
    const active = document.activeElement as HTMLElement | null;
    const cellEl = active?.closest<HTMLElement>('[data-testid="cell"]');
    const cell = cellEl && cellEl !== active ? doc.cellsRef.current.find((c) => c.id === cellEl.dataset.cellId) : null;
    if (cell) {
      const typed = typedKey(press);
      if (press.key === "Escape") focusCell(cell.id, "command");
      else if (typed) typeInCodeEditor(cellEditorPath(cell), typed);
    } else latestCommandKey.current(press);
    replayNext();
  }, [replayTick]);

  // Command mode listens on the document: the focus is on a cell (or nowhere, after a click on
  // the page's background). Keys typed in a field, a button or a dialog are theirs.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const mod = e.ctrlKey || e.metaKey;
      const editable = !!t?.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])");
      // The page's undo would rewind a field that is not focused (the notebook title) and save it.
      if (mod && !editable && /^[zy]$/i.test(e.key)) e.preventDefault();
      const onCell = t === document.body || t?.matches('[data-testid="cell"]');
      if (!onCell || helpOpen || e.isComposing) return;
      if (commandKey(e)) e.preventDefault();
    };
    // While cells are being added, before the editors see them (Monaco acts on Enter and
    // Backspace at keydown): keys on a cell, its editor or the page are held (see whileAdding).
    const hold = (e: KeyboardEvent) => {
      if (adding.current === 0 && held.current.length === 0) return;
      const t = e.target as HTMLElement | null;
      if (!(t === document.body || t?.closest('[data-testid="cell"]')) || helpOpen || e.isComposing) return;
      e.preventDefault();
      e.stopPropagation();
      if (MODIFIER_KEYS.has(e.key)) return;
      const { key, shiftKey, ctrlKey, metaKey, altKey } = e;
      held.current.push({ key, shiftKey, ctrlKey, metaKey, altKey });
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("keydown", hold, true);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("keydown", hold, true);
    };
  }, [commandKey, helpOpen]);

  const dismissUndo = useCallback(() => setUndoable(null), []);

  return {
    head,
    selectedIds,
    select,
    focusCell,
    execute,
    /** From a cell's editor: Shift+Enter, Ctrl+Enter, Alt+Enter. */
    runFromEditor: (id: string, how: RunKey) => whileAdding(run([id], how, "edit")),
    toCommandMode: (id: string) => focusCell(id, "command"),
    deleteCells,
    duplicate,
    undoDelete,
    undoable,
    dismissUndo,
    helpOpen,
    setHelpOpen,
  };
}

export type CommandMode = ReturnType<typeof useCommandMode>;
