"use client";
// Run all, Interrupt and Restart as in Jupyter: Run all stops at the first cell that does not
// finish cleanly (the rest end "cancelled"), Interrupt empties the queue (the kernel does that),
// and nothing restarts Python, losing its variables, without asking first: Restart asks the
// kernel what the cells defined and asks the person only when something would be lost.
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { Kernel, UserVariables } from "@/lib/kernel/kernel";
import type { CellDoc } from "@/lib/notebook/cell";
import { RestartDialog, type RestartReason } from "./restart-dialog";
import type { useCellRuntime } from "./use-cell-runtime";

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
  /** What the open Restart question says will be lost; null: the kernel could not tell (busy). */
  const [lost, setLost] = useState<UserVariables | null>(null);
  const { run } = runtime;
  // A second click while the kernel is being asked must not ask twice.
  const checking = useRef(false);

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
    if (!kernel || checking.current) return;
    checking.current = true;
    void kernel.userVariables().then((variables) => {
      checking.current = false;
      if (variables?.count === 0) {
        void kernel.restart();
        return;
      }
      setLost(variables);
      setAsking("restart");
    });
  }, [kernel]);

  // A stuck cell may still end by itself while the question is open: then there is nothing to ask.
  useEffect(() => {
    if (asking === "stuck" && !runtime.anyActive) setAsking(null);
  }, [asking, runtime.anyActive]);

  const dialog = asking && (
    <RestartDialog
      reason={asking}
      lost={asking === "restart" ? lost : null}
      onConfirm={() => {
        setAsking(null);
        void kernel?.restart();
      }}
      onCancel={() => setAsking(null)}
    />
  );
  return { runAll, interrupt, restart, dialog };
}
