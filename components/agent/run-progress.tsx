"use client";
import { useEffect, useState } from "react";
import type { LiveRun } from "./use-agent-runner";

export function RunProgress({
  live,
  onStop,
  onDecide,
}: {
  live: LiveRun;
  onStop: () => void;
  onDecide: (run: boolean) => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const { run } = live;
  const elapsed = Math.max(0, (now - Date.parse(run.createdAt)) / 1000);
  const u = run.usage;
  return (
    <div
      className="rounded border border-violet-200 bg-violet-50 p-2 text-xs text-violet-900"
      data-testid="agent-progress"
      data-phase={live.phase}
    >
      <div className="flex items-center gap-2">
        <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-violet-500" />
        <span data-testid="agent-step">
          step {run.stepCount} of {run.maxSteps}
        </span>
        {run.effort && <span data-testid="agent-run-effort">· {run.effort} effort</span>}
        <span>
          ·{" "}
          {live.phase === "thinking"
            ? "thinking"
            : live.phase === "running-cell"
              ? "running a cell"
              : "waiting for you"}
        </span>
        <span className="flex-1" />
        <button type="button" className="rounded bg-red-600 px-2 py-0.5 text-white" onClick={onStop}>
          Stop
        </button>
      </div>
      <div className="mt-1 font-mono text-[11px] text-violet-700" data-testid="agent-usage">
        in {u.inputTokens.toLocaleString("en")} · out {u.outputTokens.toLocaleString("en")} · cache read{" "}
        {u.cacheReadTokens.toLocaleString("en")} / write {u.cacheWriteTokens.toLocaleString("en")} · $
        {run.costUsd.toFixed(4)} · {elapsed.toFixed(0)} s
      </div>
      {live.awaiting && (
        <div
          className="mt-2 rounded border border-violet-300 bg-white p-2"
          data-testid="agent-approval"
          data-tool-use-id={live.awaiting.toolUseId}
        >
          The agent wants to run the new cell. You can edit it first.
          <div className="mt-1 flex gap-2">
            <button
              type="button"
              className="rounded bg-violet-600 px-2 py-0.5 text-white"
              onClick={() => onDecide(true)}
            >
              Run it
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
