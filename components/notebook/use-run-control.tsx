"use client";
// Run all, Interrupt and Restart as in Jupyter: Run all stops at the first cell that does not
// finish cleanly (the rest end "cancelled"), Interrupt empties the queue (the kernel does that),
// and nothing restarts Python, losing its variables, without asking first.
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { Kernel } from "@/lib/kernel/kernel";
import type { CellDoc } from "@/lib/notebook/cell";
import { RestartDialog, type RestartReason } from "./restart-dialog";
import { type CellRun, ranSinceStart, type useCellRuntime } from "./use-cell-runtime";

type Runtime = ReturnType<typeof useCellRuntime>;

export interface RunControl {
  runAll(cells: readonly CellDoc[]): void;
  interrupt(): void;
  restart(): void;
  /** The open question, if any; render it somewhere on the page. */
  dialog: ReactNode;
}

export function useRunControl(kernel: Kernel | null, runtime: Runtime): RunControl {
  const [asking, setAsking] = useState<RestartReason | null>(null);
  const runs = useRef<Record<string, CellRun>>(runtime.runs);
  runs.current = runtime.runs;
  const { run } = runtime;

  const runAll = useCallback(
    (cells: readonly CellDoc[]) => {
      const stop = new AbortController();
      const check = (ok: boolean) => ok || stop.abort();
      for (const c of cells) {
        if (c.kind !== "code") continue;
        run(c.id, c.source, { signal: stop.signal }).then(
          (r) => check(r.status === "ok"),
          () => check(false),
        );
      }
    },
    [run],
  );

  const interrupt = useCallback(() => {
    void kernel?.interrupt({ restartIfStuck: false }).then((outcome) => {
      if (outcome === "still-running") setAsking("stuck");
    });
  }, [kernel]);

  const restart = useCallback(() => {
    if (!kernel) return;
    if (ranSinceStart(runs.current)) setAsking("restart");
    else void kernel.restart();
  }, [kernel]);

  // A stuck cell may still end by itself while the question is open: then there is nothing to ask.
  useEffect(() => {
    if (asking === "stuck" && !runtime.anyActive) setAsking(null);
  }, [asking, runtime.anyActive]);

  const dialog = asking && (
    <RestartDialog
      reason={asking}
      onConfirm={() => {
        setAsking(null);
        void kernel?.restart();
      }}
      onCancel={() => setAsking(null)}
    />
  );
  return { runAll, interrupt, restart, dialog };
}
