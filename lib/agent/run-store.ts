// The agent's one storage port: what the orchestrator (run-service.ts) and the step driver
// (run-step.ts) need to start, observe, step, stop, resume and finish a run. Two adapters pass the
// same contract tests (lib/agent/__tests__/run-store-contract.ts): PostgreSQL, scoped to one owner
// (lib/db/agent/pg-run-store.ts), and memory (memory-store.ts, for `npm run eval` and unit tests).
// Adapters answer with data, never with callbacks or user-facing text: the orchestrator decides.
import type { FileInfo } from "@/lib/files/file-info";
import type { SpendAnswer } from "@/lib/spend/spend-refusal";
import { AppError } from "@/lib/http/app-error";
import type { AgentRunStatus, RunSummary } from "./events";
import type { Block, ToolResultBlock, Turn } from "./conversation";
import type { TokenUsage } from "./pricing";
import type { Effort } from "./models/model-options";
import type { ContextCell } from "./notebook-context";

export type RunMode = "auto" | "approve";

export interface RunRecord {
  id: string;
  notebookId: string;
  status: AgentRunStatus;
  model: string;
  mode: RunMode;
  /** output_config.effort of every call (null: the model's default or a model without effort). */
  effort: Effort | null;
  /** The conversation prefix version (prompts/registry.ts) the run's requests use. */
  promptVersion: string | null;
  stepCount: number;
  maxSteps: number;
  usage: TokenUsage;
  costUsd: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface StoredMessage extends Turn {
  id: string;
  runId: string | null;
  position: number;
  createdAt: Date;
}

export const ACTIVE_STATUSES: readonly AgentRunStatus[] = ["running", "awaiting_approval"];
export const FINISHED_STATUSES: readonly AgentRunStatus[] = ["completed", "failed", "stopped"];

export interface EndStepInput {
  /** Tokens of this model call (also recorded when the call failed or the step is discarded). */
  usage: TokenUsage;
  /** What this call cost (USD), added to the run's total. */
  costUsd: number;
  /** The step was based on the conversation ending with this message. */
  afterMessageId: string;
  /** The assistant turn to append; null to append nothing. */
  assistant: Block[] | null;
  status: AgentRunStatus;
  error: string | null;
}

export interface StepStore {
  getRun(runId: string): Promise<RunRecord | null>;
  /** Cheap status read, polled during a step so a stop from another server instance is noticed. */
  runStatus(runId: string): Promise<AgentRunStatus | null>;
  /** The notebook's whole conversation, oldest first. */
  messages(notebookId: string): Promise<StoredMessage[]>;
  /** A new empty agent cell at the end of the notebook, for one tool call. */
  createAgentCell(run: RunRecord, toolUseId: string): Promise<{ cellId: string; index: number }>;
  setAgentCellCode(cellId: string, code: string): Promise<void>;
  /**
   * Ends a model call atomically: always counts the step and its tokens; appends `assistant` and
   * sets `status` only if the run is still "running" and the conversation still ends with
   * `afterMessageId` (persisted = false means a stop or another tab got there first).
   */
  endStep(runId: string, input: EndStepInput): Promise<{ run: RunRecord; persisted: boolean }>;
  /** Adds tool results to the user turn after the last assistant turn (created if needed). */
  appendToolResults(runId: string, results: ToolResultBlock[]): Promise<void>;
  /** Ends a run that is still active (running, awaiting approval or interrupted). */
  finishRun(runId: string, status: "completed" | "failed" | "stopped", error: string | null): Promise<RunRecord>;
}

/** What a run's first user turn and settings are chosen from, read in one go before the write. */
export interface StartSnapshot {
  /** The notebook's saved settings as stored (passed back to startRun for its stale check). */
  settings: unknown;
  /** When the notebook's previous run started, null if this is the first. */
  previousRequestAt: Date | null;
  messages: StoredMessage[];
  cells: ContextCell[];
  /** The notebook's files (capped), each with its first bytes; fileCount is the real total. */
  files: (FileInfo & { head: Uint8Array })[];
  fileCount: number;
  /** No active run and under the rate limit: the start will probably be accepted. */
  mayStart: boolean;
}

export interface NewRun {
  prompt: string;
  mode: RunMode;
  model: string;
  effort: Effort | null;
  promptVersion: string | null;
  maxSteps: number;
  runsPerMinute: number;
  /** The snapshot the turn was built from: the write is refused ('stale') if it changed since. */
  snapshot: StartSnapshot;
  /** The run's first user turn. */
  content: Block[];
}

export type StartAnswer =
  | { error: "not_found" | "stale" }
  | { error: "run_active"; runId: string }
  | { error: "rate_limited"; retryAfterMs: number }
  | { error?: undefined; run: RunRecord; message: StoredMessage };

/** An owned run and its notebook's conversation, read before a tool result is written. */
export interface ObserveSnapshot {
  run: RunRecord;
  messages: StoredMessage[];
  /** The adapter's own record of what it read, for its stale check in writeToolResult. */
  readonly token: unknown;
}

export interface ToolResultWrite {
  /** Index in snapshot.messages of the user turn that gets the new content, or -1 for a new turn. */
  afterIndex: number;
  /** The whole content of that turn (or of the new one). */
  content: Block[];
  /** The last awaited result: the run is set running again. */
  resume: boolean;
}

export type ToolResultAnswer =
  | { error: "not_found" | "stale" }
  | { error?: undefined; run: RunRecord; message: StoredMessage };

export interface PendingCall {
  toolUseId: string;
  cellId: string;
  index: number;
  code: string;
  /** The cell had been deleted and was created again. */
  recreated: boolean;
}

export type ResumePlan =
  | { kind: "step"; run: RunRecord }
  | { kind: "tool_calls"; run: RunRecord; calls: PendingCall[] }
  | { kind: "ended"; run: RunRecord; finalText: string | null }
  /** Refused: the run has already ended, or a newer run started in its notebook. */
  | { kind: "finished"; run: RunRecord }
  | { kind: "not_latest"; run: RunRecord };

/** An output file a cell wrote, as saved in the run's notebook (bytes only for images to show). */
export type SavedFile = FileInfo & { bytes: Uint8Array | null };

export interface RunStore extends StepStore {
  /** Everything a run's start needs, in one read; null: no such notebook (or not the owner's). */
  readStart(notebookId: string, runsPerMinute: number): Promise<StartSnapshot | null>;
  /** Writes the run and its first user turn, checking the active run, the rate limit and staleness. */
  startRun(notebookId: string, input: NewRun): Promise<StartAnswer>;
  /** Holds the run's whole budget against the daily spend caps (lib/spend); absent: no caps (the eval). */
  reserveSpend?(notebookId: string, runBudgetUsd: number): Promise<SpendAnswer>;
  /** An owned run and the conversation; null: no such run. */
  readObserve(runId: string): Promise<ObserveSnapshot | null>;
  /** Writes one tool result unless the run or conversation changed since `snapshot`. */
  writeToolResult(runId: string, snapshot: ObserveSnapshot, write: ToolResultWrite): Promise<ToolResultAnswer>;
  /** The files among `paths` that are saved in the run's notebook; images under maxImageBytes with bytes. */
  savedFiles(
    runId: string,
    paths: readonly string[],
    imageMimes: readonly string[],
    maxImageBytes: number,
  ): Promise<SavedFile[]>;
  /** Stops a run (idempotent): open tool calls get `stopped` as their result. Throws RunNotFound. */
  stopRun(runId: string, stopped: Omit<ToolResultBlock, "tool_use_id">): Promise<RunRecord>;
  /** Decides how a run left running or interrupted continues, and marks it active again. */
  prepareResume(runId: string): Promise<ResumePlan>;
  /** The notebook's runs and conversation, oldest first; null: no such notebook. */
  history(notebookId: string): Promise<{ runs: RunRecord[]; messages: StoredMessage[] } | null>;
}

/** A run or notebook that does not exist or is someone else's: the two are indistinguishable. */
export class RunNotFound extends AppError {
  constructor(what: "run" | "notebook" = "run") {
    super("not_found", what === "run" ? "No such agent run." : "No such notebook.");
  }
}

/** Where tool results go: the user turn right after the last assistant turn, or a new turn (-1). */
export function resultTurnIndex(messages: readonly Turn[]): number {
  const lastAssistant = messages.findLastIndex((m) => m.role === "assistant");
  return lastAssistant >= 0 && messages[lastAssistant + 1]?.role === "user" ? lastAssistant + 1 : -1;
}

export function toRunSummary(run: RunRecord): RunSummary {
  return {
    id: run.id,
    status: run.status,
    model: run.model,
    mode: run.mode,
    effort: run.effort,
    stepCount: run.stepCount,
    maxSteps: run.maxSteps,
    usage: { ...run.usage },
    costUsd: run.costUsd,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}
