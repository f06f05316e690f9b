"use client";
// The running run: step, what it is doing (thinking, running its cell, waiting for Python or for
// the person), tokens and cost against the budget, Stop; and in "ask before running" mode the
// card with the proposed code and Run / Edit / Skip.
import { useEffect, useState } from "react";
import type { RunBudget } from "@/lib/client/agent-api";
import type { RunPhase } from "@/components/notebook/use-cell-runtime";
import { costText, secondsText } from "./run-figures";
import type { LiveRun } from "./use-agent-runner";

function doing(live: LiveRun, cellPhase: RunPhase | null): string {
  switch (live.phase) {
    case "thinking":
      return "thinking";
    case "running-cell":
      // The kernel runs one cell at a time: the agent's waits behind the person's.
      return cellPhase === "queued" ? "waiting for Python (cell queued)" : "running a cell";
    case "awaiting-approval":
      return "waiting for you";
  }
}

export function RunProgress({
  live,
  budget,
  cellPhase,
  awaitingCode,
  onStop,
  onDecide,
  onEdit,
}: {
  live: LiveRun;
  budget: RunBudget | null;
  cellPhase: RunPhase | null;
  awaitingCode: string | null;
  onStop: () => void;
  onDecide: (run: boolean) => void;
  onEdit: (cellId: string) => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const { run } = live;
  const u = run.usage;
  const queued = live.phase === "running-cell" && cellPhase === "queued";
  return (
    <div
      className="rounded border border-violet-200 bg-violet-50 p-2 text-xs text-violet-900"
      data-testid="agent-progress"
      data-phase={queued ? "queued" : live.phase}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-violet-500" />
        <span data-testid="agent-step">
          step {run.stepCount} of {run.maxSteps}
        </span>
        {run.effort && <span data-testid="agent-run-effort">· {run.effort} effort</span>}
        <span data-testid="agent-status">· {doing(live, cellPhase)}</span>
        <span className="flex-1" />
        <button type="button" className="rounded bg-red-600 px-2 py-0.5 text-white" onClick={onStop}>
          Stop
        </button>
      </div>
      <div className="mt-1 font-mono text-[11px] text-violet-700" data-testid="agent-usage">
        in {u.inputTokens.toLocaleString("en")} · out {u.outputTokens.toLocaleString("en")} · cache read{" "}
        {u.cacheReadTokens.toLocaleString("en")} / write {u.cacheWriteTokens.toLocaleString("en")} ·{" "}
        {costText(run, budget)} · {secondsText(now - Date.parse(run.createdAt))}
      </div>
      {live.awaiting && (
        <div
          className="mt-2 rounded border border-violet-300 bg-white p-2"
          data-testid="agent-approval"
          data-tool-use-id={live.awaiting.toolUseId}
        >
          The agent wants to run this cell:
          <pre
            className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-1.5 font-mono text-[11px] text-slate-800"
            data-testid="agent-approval-code"
          >
            {awaitingCode ?? live.awaiting.code}
          </pre>
          <div className="mt-1.5 flex gap-2">
            <button
              type="button"
              className="rounded bg-violet-600 px-2 py-0.5 text-white"
              onClick={() => onDecide(true)}
            >
              Run
            </button>
            <button
              type="button"
              className="rounded border border-violet-600 px-2 py-0.5"
              title="Edit the code in the cell, then press Run here"
              onClick={() => live.awaiting && onEdit(live.awaiting.cellId)}
            >
              Edit
            </button>
            <button
              type="button"
              className="rounded border border-violet-600 px-2 py-0.5"
              onClick={() => onDecide(false)}
            >
              Skip
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
