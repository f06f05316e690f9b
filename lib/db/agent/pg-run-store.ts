// The agent's run store (lib/agent/run-store.ts) in PostgreSQL, scoped to one owner: the step
// driver's part (step-store.ts), the one-statement start and tool result (run-start.ts,
// tool-result.ts), stop, resume and history (runs.ts), and the run's saved output files.
import "server-only";
import type { RunStore } from "@/lib/agent/run-store";
import { spendLimitsNow } from "../settings";
import { filesForObservation } from "../files";
import { reserveDailySpend } from "../spend";
import { insertRun, readStartSnapshot } from "./run-start";
import { listNotebookRuns, prepareResume, stopRun } from "./runs";
import { ownedStepStore } from "./step-store";
import { readObserve, writeToolResult } from "./tool-result";

export function pgRunStore(ownerId: string): RunStore {
  return {
    ...ownedStepStore(ownerId),
    readStart: (notebookId, runsPerMinute) => readStartSnapshot(ownerId, notebookId, runsPerMinute),
    startRun: (notebookId, input) => insertRun(ownerId, notebookId, input),
    reserveSpend: async (notebookId, budgetUsd) =>
      reserveDailySpend(ownerId, notebookId, budgetUsd, await spendLimitsNow()),
    readObserve: (runId) => readObserve(ownerId, runId),
    writeToolResult: (runId, snapshot, write) => writeToolResult(ownerId, runId, snapshot, write),
    savedFiles: (runId, paths, imageMimes, maxImageBytes) =>
      filesForObservation(ownerId, runId, paths, imageMimes, maxImageBytes),
    stopRun: (runId, stopped) => stopRun(ownerId, runId, stopped),
    prepareResume: (runId) => prepareResume(ownerId, runId),
    history: (notebookId) => listNotebookRuns(ownerId, notebookId),
  };
}
