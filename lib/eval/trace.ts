// What one task's run leaves behind: every model call (its text, its code, stop reason, tokens)
// and every cell the harness ran for it (outputs, status, what the model was shown). A trace is
// enough to replay the run (replay policy) and to see why it failed.
import type { TokenUsage } from "@/lib/agent/pricing";
import type { RunStatus } from "@/lib/kernel/kernel";
import type { Output } from "@/lib/notebook/outputs";
import type { RecordedCall } from "./recording-model";

export interface TraceCell {
  code: string;
  status: RunStatus;
  durationMs: number;
  outputs: Output[];
  /** The tool_result text the model received (bounded like in the app). */
  observation: string;
  images: number;
}

export interface TraceStep {
  step: number;
  call: RecordedCall;
  cells: TraceCell[];
}

export type Outcome = "pass" | "fail" | "ungraded" | "skipped" | "error";

export interface TaskResult {
  id: string;
  category: string;
  packages: readonly string[];
  outcome: Outcome;
  /** The checker's reason, or why the task was skipped / ungraded / errored. */
  reason: string;
  /** How the run ended: completed, stopped (limit, timeout), failed (model error). */
  runStatus: string;
  runError: string | null;
  steps: number;
  usage: TokenUsage;
  costUsd: number;
  wallMs: number;
  /** Kernel preparation for this task (fresh boot or reset), included in wallMs. */
  kernelMs: number;
  kernelMode: "fresh" | "reuse";
  finalText: string;
  outputFiles: { path: string; size: number }[];
  /** Replay only: the first step whose cell output differs from the recording, or null. */
  replayDivergedAtStep?: number | null;
}

export interface TaskTrace {
  version: 1;
  id: string;
  prompt: string;
  model: string;
  policy: string;
  steps: TraceStep[];
  result: TaskResult;
}
