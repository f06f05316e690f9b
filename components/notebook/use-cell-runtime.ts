"use client";
// Transient run state per cell (queued, running, live outputs). Not saved: when a run ends its
// outputs move into the document, which saves them. Live outputs are batched per animation frame
// so a flood of prints costs one render per frame, not one per message (the first output after
// a quiet spell is shown at once).
import { useCallback, useEffect, useRef, useState } from "react";
import type { Kernel, RunOptions, RunResult } from "@/lib/kernel/kernel";
import { appendOutput, type Output } from "@/lib/notebook/outputs";

export type RunPhase = "queued" | "running" | "done" | "error" | "interrupted" | "cancelled";

export interface CellRun {
  phase: RunPhase;
  /** Outputs streamed so far, while queued or running. */
  liveOutputs: Output[];
  executionCount: number | null;
  /** Packages the cell imports are loading ("Loading pandas… 3.1 of 12 MB"); null otherwise. */
  packageProgress: string | null;
  /** It ran in an interpreter that is gone (a restart or a crash since): its variables no longer exist. */
  stale?: boolean;
  /** How long the last finished run took and when it ended (Date.now()); kept on this page only. */
  durationMs?: number;
  finishedAt?: number;
}

const FINISHED: ReadonlySet<RunPhase> = new Set(["done", "error", "interrupted"]);

/** Marks the cells that finished in the interpreter being replaced; queued and running ones end on their own. */
export function markStale(runs: Record<string, CellRun>): Record<string, CellRun> {
  let changed = false;
  const next: Record<string, CellRun> = {};
  for (const [cellId, run] of Object.entries(runs)) {
    const stale = run.stale || FINISHED.has(run.phase);
    changed ||= stale !== Boolean(run.stale);
    next[cellId] = stale === Boolean(run.stale) ? run : { ...run, stale };
  }
  return changed ? next : runs;
}

type Finish = (cellId: string, outputs: Output[], executionCount: number | null, durationMs: number | null) => void;

export function useCellRuntime(kernel: Kernel | null, onFinished: Finish) {
  const [runs, setRuns] = useState<Record<string, CellRun>>({});
  const pending = useRef(new Map<string, Output[]>());
  const frame = useRef<number | null>(null);
  const lastFlush = useRef(0);
  const finish = useRef(onFinished);
  finish.current = onFinished;

  const patch = useCallback((cellId: string, p: Partial<CellRun>) => {
    setRuns((r) => ({
      ...r,
      [cellId]: { phase: "queued", liveOutputs: [], executionCount: null, packageProgress: null, ...r[cellId], ...p },
    }));
  }, []);

  const flushOutputs = useCallback(() => {
    frame.current = null;
    lastFlush.current = performance.now();
    const batch = pending.current;
    if (batch.size === 0) return;
    pending.current = new Map();
    setRuns((r) => {
      const next = { ...r };
      for (const [cellId, outs] of batch) {
        const run = next[cellId];
        if (!run) continue;
        next[cellId] = { ...run, liveOutputs: outs.reduce(appendOutput, run.liveOutputs) };
      }
      return next;
    });
  }, []);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // The kernel object exists only after the first effects; a run asked for before (a run key
  // pressed while the page hydrated) waits for it, queued like any run before Python is ready.
  const kernelRef = useRef<Kernel | null>(kernel);
  const kernelWaiters = useRef<((k: Kernel) => void)[]>([]);
  useEffect(() => {
    kernelRef.current = kernel;
    if (kernel) for (const resolve of kernelWaiters.current.splice(0)) resolve(kernel);
  }, [kernel]);

  // A new interpreter (restart, crash recovery, interrupt fallback): what ran before is gone.
  useEffect(() => {
    if (!kernel) return;
    let previous = kernel.status().state;
    return kernel.onStatus((status) => {
      if (status.state === "starting" && previous !== "starting") setRuns(markStale);
      previous = status.state;
    });
  }, [kernel]);

  const run = useCallback(
    async (
      cellId: string,
      code: string,
      opts: Pick<RunOptions, "awaitSavedFiles" | "signal"> = {},
    ): Promise<RunResult> => {
      patch(cellId, { phase: "queued", liveOutputs: [], stale: false, executionCount: null });
      const kernel = kernelRef.current ?? (await new Promise<Kernel>((resolve) => kernelWaiters.current.push(resolve)));
      const result = await kernel.run(code, {
        ...opts,
        onStart: (executionCount) => patch(cellId, { phase: "running", executionCount, liveOutputs: [] }),
        onPackageProgress: (message) => patch(cellId, { packageProgress: message }),
        onOutput: (output) => {
          const list = pending.current.get(cellId) ?? [];
          list.push(output);
          pending.current.set(cellId, list);
          if (frame.current !== null) return;
          // Quiet until now: show it at once; a flood after that goes out once per frame.
          if (performance.now() - lastFlush.current > 16) flushOutputs();
          else frame.current = requestAnimationFrame(flushOutputs);
        },
      });
      pending.current.delete(cellId);
      const ran = result.status !== "cancelled";
      patch(cellId, {
        phase: result.status === "ok" ? "done" : result.status,
        executionCount: result.executionCount,
        liveOutputs: [],
        packageProgress: null,
        ...(ran ? { durationMs: result.durationMs, finishedAt: Date.now() } : {}),
      });
      if (ran) {
        finish.current(cellId, result.outputs, result.executionCount, Math.round(result.durationMs));
      }
      return result;
    },
    [patch, flushOutputs],
  );

  /** A deleted cell put back (undo) is a new cell: it takes over its last finished run's status. */
  const carry = useCallback((fromId: string, toId: string) => {
    setRuns((r) => {
      const from = r[fromId];
      return from && FINISHED.has(from.phase) ? { ...r, [toId]: from } : r;
    });
  }, []);

  const anyActive = Object.values(runs).some((r) => r.phase === "queued" || r.phase === "running");
  return { runs, run, anyActive, carry };
}
