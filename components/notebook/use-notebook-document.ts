"use client";
// The saved document (cells, order, sources, outputs) and its persistence. Every change is
// applied locally at once and sent to the server: structure immediately, sources debounced.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CellDoc, CellKind, NotebookDoc } from "@/lib/notebook/cell";
import { CellSaver, type SaveState } from "@/lib/notebook/cell-saver";
import { insertCell, moveCell, moveCellTo, removeCell, updateCell } from "@/lib/notebook/document-ops";
import { newIdempotencyKey, notebookApi } from "@/lib/client/notebook-api";
import { OutputSaver, type OutputSaveStatus } from "@/lib/notebook/output-saver";
import type { Output } from "@/lib/notebook/outputs";

export function useNotebookDocument(initial: NotebookDoc) {
  const id = initial.id;
  const [cells, setCellsState] = useState(initial.cells);
  const cellsRef = useRef(cells);
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>({});
  const [conflicts, setConflicts] = useState<Record<string, CellDoc>>({});
  const [error, setError] = useState<string | null>(null);
  const [outputStatus, setOutputStatus] = useState<OutputSaveStatus>({ unsaved: 0, retrying: false });
  // Structural writes in flight: shown as "Saving…", and a reload waits for them.
  const [pendingWrites, setPendingWrites] = useState(0);
  const pendingRef = useRef(0);
  const trackWrite = useCallback(<T>(p: Promise<T>): Promise<T> => {
    pendingRef.current += 1;
    setPendingWrites(pendingRef.current);
    const done = () => {
      pendingRef.current -= 1;
      setPendingWrites(pendingRef.current);
    };
    p.then(done, done);
    return p;
  }, []);

  const setCells = useCallback((next: (cells: CellDoc[]) => CellDoc[]) => {
    cellsRef.current = next(cellsRef.current);
    setCellsState(cellsRef.current);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the page's initial cells are fixed for its life.
  const saver = useMemo(() => {
    const s = new CellSaver(
      {
        editCell: async (cellId, baseVersion, patch, keepalive, key) =>
          (await notebookApi.editCell(id, cellId, baseVersion, patch, keepalive, key)).cell,
        newKey: newIdempotencyKey,
      },
      {
        onState: (cellId, state, detail) => {
          setSaveStates((s) => ({ ...s, [cellId]: state }));
          if (state === "error" && detail) setError(`Could not save a cell: ${detail}`);
        },
        onSaved: (cell) => setCells((cs) => updateCell(cs, cell.id, { version: cell.version })),
        onConflict: (cellId, theirs) => setConflicts((c) => ({ ...c, [cellId]: theirs })),
      },
    );
    // Tracked at once, not in an effect: an editor can report text typed before hydration from
    // its layout effect, which runs before any passive effect, and an untracked edit is dropped.
    for (const c of initial.cells) s.track(c.id, c.version);
    return s;
  }, [id, setCells]);

  const outputSaver = useMemo(
    () =>
      new OutputSaver(
        {
          saveOutputs: async (cellId, run, key, keepalive) => {
            await notebookApi.saveOutputs(id, cellId, run, key, keepalive);
          },
          newKey: newIdempotencyKey,
        },
        { onStatus: setOutputStatus, onRefused: (m) => setError(`Could not save outputs: ${m}`) },
      ),
    [id],
  );

  // Unsaved edits and outputs go out with keepalive when the page is hidden or closed, and the
  // browser asks before closing a tab that still has unsaved work.
  useEffect(() => {
    const onHide = () => {
      void saver.flushAll(true);
      outputSaver.flushAll(true);
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!saver.hasUnsaved() && !outputSaver.hasUnsaved() && pendingRef.current === 0) return;
      onHide();
      e.preventDefault();
    };
    window.addEventListener("pagehide", onHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [saver, outputSaver]);

  const fail = useCallback((what: string) => (e: unknown) => setError(`${what}: ${(e as Error).message}`), []);

  /** Reloads the document from the server (after a structural conflict). */
  const reload = useCallback(async () => {
    const { notebook } = await notebookApi.get(id);
    for (const c of notebook.cells) saver.track(c.id, c.version);
    setCells(() => notebook.cells);
    setConflicts({});
    setError(null);
  }, [id, saver, setCells]);

  const insert = useCallback(
    async (index: number, kind: CellKind = "code", source = ""): Promise<CellDoc | null> => {
      try {
        const { cell } = await trackWrite(notebookApi.insertCell(id, index, kind, source));
        saver.track(cell.id, cell.version);
        setCells((cs) => insertCell(cs, index, cell));
        return cell;
      } catch (e) {
        fail("Could not add a cell")(e);
        return null;
      }
    },
    [id, saver, setCells, fail, trackWrite],
  );

  const remove = useCallback(
    (cellId: string) => {
      saver.forget(cellId);
      outputSaver.forget(cellId);
      // The saver drops the cell's waiting edit and reports nothing more for it (cell-saver.ts), so
      // its last state goes here, or the header would say "Saving…" for good.
      setSaveStates(({ [cellId]: _, ...rest }) => rest);
      setConflicts(({ [cellId]: _, ...rest }) => rest);
      setCells((cs) => removeCell(cs, cellId));
      trackWrite(notebookApi.deleteCell(id, cellId)).catch(fail("Could not delete the cell"));
    },
    [id, saver, outputSaver, setCells, fail, trackWrite],
  );

  const move = useCallback(
    (cellId: string, delta: number) => {
      setCells((cs) => moveCell(cs, cellId, delta));
      trackWrite(
        notebookApi.reorder(
          id,
          cellsRef.current.map((c) => c.id),
        ),
      ).catch(fail("Could not move the cell"));
    },
    [id, setCells, fail, trackWrite],
  );

  /** Moves a cell to position `to` of the list without it (a drag's drop). */
  const moveTo = useCallback(
    (cellId: string, to: number) => {
      const before = cellsRef.current.map((c) => c.id).join();
      setCells((cs) => moveCellTo(cs, cellId, to));
      if (cellsRef.current.map((c) => c.id).join() === before) return;
      trackWrite(
        notebookApi.reorder(
          id,
          cellsRef.current.map((c) => c.id),
        ),
      ).catch(fail("Could not move the cell"));
    },
    [id, setCells, fail, trackWrite],
  );

  /**
   * A new cell holding a copy of `cell` (kind, source, outputs) at `index`: undo of a deletion,
   * paste and duplicate. The copy gets a new id; its outputs are saved like a run's.
   */
  const insertCopy = useCallback(
    async (cell: CellDoc, index: number): Promise<CellDoc | null> => {
      const copy = await insert(index, cell.kind, cell.source);
      if (!copy) return null;
      if (cell.kind === "code" && (cell.outputs.length > 0 || cell.executionCount !== null)) {
        setCells((cs) =>
          updateCell(cs, copy.id, {
            outputs: cell.outputs,
            executionCount: cell.executionCount,
            durationMs: cell.durationMs,
          }),
        );
        outputSaver.save(copy.id, {
          outputs: cell.outputs,
          executionCount: cell.executionCount,
          durationMs: cell.durationMs,
        });
      }
      return copy;
    },
    [insert, setCells, outputSaver],
  );

  const editSource = useCallback(
    (cellId: string, source: string) => {
      setCells((cs) => updateCell(cs, cellId, { source }));
      saver.edit(cellId, { source });
    },
    [saver, setCells],
  );

  const changeKind = useCallback(
    (cellId: string, kind: CellKind) => {
      setCells((cs) => updateCell(cs, cellId, { kind, outputs: [], executionCount: null }));
      saver.edit(cellId, { kind }, true);
    },
    [saver, setCells],
  );

  const setOutputs = useCallback(
    (cellId: string, outputs: Output[], executionCount: number | null, durationMs: number | null) => {
      setCells((cs) => updateCell(cs, cellId, { outputs, executionCount, durationMs }));
      // Sent in the next task, after React has shown the result: starting a fetch costs the
      // main thread time that would otherwise sit between Python's reply and the screen.
      setTimeout(() => outputSaver.save(cellId, { outputs, executionCount, durationMs }), 0);
    },
    [setCells, outputSaver],
  );

  /** A cell the server created (an agent cell): show it, and track its saved version. */
  const adoptCell = useCallback(
    (cell: CellDoc, index: number) => {
      saver.track(cell.id, cell.version);
      setCells((cs) => (cs.some((c) => c.id === cell.id) ? cs : insertCell(cs, index, cell)));
    },
    [saver, setCells],
  );

  /** Source written by the agent: shown as it streams, saved by the server (not by this tab). */
  const setServerSource = useCallback(
    (cellId: string, source: string, version?: number) => {
      setCells((cs) => updateCell(cs, cellId, version ? { source, version } : { source }));
      if (version) saver.track(cellId, version);
    },
    [saver, setCells],
  );

  const resolveConflict = useCallback(
    (cellId: string, keep: "mine" | "theirs") => {
      const theirs = conflicts[cellId];
      if (!theirs) return;
      if (keep === "mine") saver.overwrite(cellId, theirs.version);
      else {
        saver.discard(cellId, theirs);
        setCells((cs) => updateCell(cs, cellId, { source: theirs.source, kind: theirs.kind, version: theirs.version }));
      }
      setConflicts(({ [cellId]: _, ...rest }) => rest);
    },
    [conflicts, saver, setCells],
  );

  return {
    id,
    cells,
    cellsRef,
    saveStates,
    /** Structural writes or output saves still on their way to the server. */
    pendingWrites: pendingWrites + outputStatus.unsaved,
    /** Output saves failed on the way and are being retried (offline, server or database down). */
    outputsRetrying: outputStatus.retrying,
    conflicts,
    error,
    clearError: () => setError(null),
    reload,
    insert,
    remove,
    move,
    moveTo,
    insertCopy,
    editSource,
    changeKind,
    setOutputs,
    adoptCell,
    setServerSource,
    resolveConflict,
    flush: (cellId: string) => saver.flush(cellId),
  };
}

export type NotebookDocument = ReturnType<typeof useNotebookDocument>;
