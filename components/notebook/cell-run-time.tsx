"use client";
// A code cell's last run, like Colab's: "✓ 1.2 s · 3 min ago" (exact time on hover). The time it
// ran is known only for runs on this page; after a reload the saved run time alone is shown.
import { RelativeTime } from "@/components/layout/relative-time";
import { formatDuration } from "@/lib/time/format-duration";
import type { CellRun } from "./use-cell-runtime";

const MARK = { done: "✓", error: "✗", interrupted: "■" } as const;

export function CellRunTime({ run, savedDurationMs }: { run: CellRun | undefined; savedDurationMs: number | null }) {
  const base = "mx-3 mt-1 text-[11px] text-slate-500 tabular-nums";
  if (run?.phase === "cancelled") {
    return (
      <div data-testid="cell-run-time" data-phase="cancelled" className={base}>
        not run (cancelled)
      </div>
    );
  }
  if (run && run.finishedAt !== undefined && run.durationMs !== undefined && run.phase in MARK) {
    const phase = run.phase as keyof typeof MARK;
    return (
      <div data-testid="cell-run-time" data-phase={phase} className={base}>
        <span className={phase === "done" ? "text-emerald-700" : phase === "error" ? "text-red-700" : ""}>
          {MARK[phase]}
        </span>{" "}
        {formatDuration(run.durationMs)}
        {phase === "interrupted" ? " (interrupted)" : ""} · <RelativeTime value={run.finishedAt} />
      </div>
    );
  }
  if (!run && savedDurationMs !== null) {
    return (
      <div data-testid="cell-run-time" data-phase="saved" className={base} title="Run time of the last saved run">
        {formatDuration(savedDurationMs)}
      </div>
    );
  }
  return null;
}
