// Rows returned as JSON by the agent SQL functions (migration 20261123141500): times are epoch
// milliseconds, the cost exact decimal text.
import { asBlocks } from "@/lib/agent/conversation";
import type { AgentRunStatus } from "@/lib/agent/events";
import type { RunRecord, StoredMessage } from "@/lib/agent/run-store";
import type { RunFields } from "./agent-rows";

export interface RunJson extends RunFields {
  costUsd: string;
  createdAtMs: number;
  finishedAtMs: number | null;
}

export interface MessageJson {
  id: string;
  runId: string | null;
  role: string;
  content: unknown;
  position: number;
  createdAtMs: number;
}

/** json/jsonb columns of raw queries: parsed by the driver, or text when nested in a record. */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

export function fromRunJson(r: RunJson): RunRecord {
  return {
    id: r.id,
    notebookId: r.notebookId,
    status: r.status as AgentRunStatus,
    model: r.model,
    mode: r.mode === "approve" ? "approve" : "auto",
    stepCount: r.stepCount,
    maxSteps: r.maxSteps,
    usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheReadTokens: r.cacheReadTokens, cacheWriteTokens: r.cacheWriteTokens },
    costUsd: Number(r.costUsd),
    error: r.error,
    createdAt: new Date(r.createdAtMs),
    finishedAt: r.finishedAtMs === null ? null : new Date(r.finishedAtMs),
  };
}

export function fromMessageJson(m: MessageJson): StoredMessage {
  return {
    id: m.id,
    runId: m.runId,
    role: m.role === "assistant" ? "assistant" : "user",
    content: asBlocks(m.content),
    position: m.position,
    createdAt: new Date(m.createdAtMs),
  };
}
