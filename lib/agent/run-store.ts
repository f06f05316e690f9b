// What the step driver needs to persist a step, as an interface: the app's implementation is
// lib/db/agent-step-store.ts (PostgreSQL, scoped to one owner); an evaluation harness can keep
// the same loop with a store of its own.
import type { AgentRunStatus, RunSummary } from "./events";
import type { Block, ToolResultBlock, Turn } from "./conversation";
import type { TokenUsage } from "./pricing";
import type { Effort } from "./models/model-options";

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
