// The run's figures as the panel words them, live and in the summary that stays after the run.
import type { RunSummary } from "@/lib/agent/events";
import type { RunBudget } from "@/lib/client/agent-api";

export function runTokens(run: RunSummary): number {
  const u = run.usage;
  return u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}

/** "$0.0123 of $2.00": the cost against the run's budget (the budget when the server said it). */
export function costText(run: RunSummary, budget: RunBudget | null): string {
  const cost = `$${run.costUsd.toFixed(4)}`;
  return budget ? `${cost} of $${budget.maxCostUsd.toFixed(2)} budget` : cost;
}

export function secondsText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s < 60 ? `${s.toFixed(s < 10 ? 1 : 0)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

const ENDED: Record<RunSummary["status"], string> = {
  completed: "Done",
  stopped: "Stopped",
  failed: "Failed",
  interrupted: "Interrupted",
  running: "Unfinished",
  awaiting_approval: "Unfinished",
};

/** The one line kept under the transcript after a run: status, steps, tokens, cost/budget, time. */
export function summaryText(run: RunSummary, budget: RunBudget | null): string {
  const steps = `${run.stepCount} ${run.stepCount === 1 ? "step" : "steps"}`;
  const time = run.finishedAt ? ` · ${secondsText(Date.parse(run.finishedAt) - Date.parse(run.createdAt))}` : "";
  return `${ENDED[run.status]} · ${steps} · ${runTokens(run).toLocaleString("en")} tokens · ${costText(run, budget)}${time}`;
}
