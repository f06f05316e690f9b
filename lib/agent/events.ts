// The agent's wire types, once, with zod: the event union streamed from server to browser during
// a run (NDJSON) and its codec, the observation the browser posts, and the panel's history. Both
// ends import this file, so a new event is a compile error until both handle it.
import { z } from "zod";
import { LIMITS } from "@/lib/notebook/cell";
import { outputSchema } from "@/lib/notebook/outputs";
import { EFFORTS } from "./models/model-options";

const usage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
});

export const runStatusSchema = z.enum([
  "running",
  "awaiting_approval",
  "completed",
  "stopped",
  "failed",
  "interrupted",
]);
export type AgentRunStatus = z.infer<typeof runStatusSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  status: runStatusSchema,
  model: z.string(),
  mode: z.enum(["auto", "approve"]),
  effort: z.enum(EFFORTS).nullable(),
  stepCount: z.number(),
  maxSteps: z.number(),
  usage,
  costUsd: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const agentEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run"), run: runSummarySchema }),
  z.object({ type: z.literal("step_start"), step: z.number() }),
  z.object({ type: z.literal("text_delta"), text: z.string() }),
  // A thinking block began: the model's progress notes stream as thinking_delta; a redacted block
  // (hidden by the API's safety systems) has no text and is only announced.
  z.object({ type: z.literal("thinking_start"), redacted: z.boolean() }),
  z.object({ type: z.literal("thinking_delta"), text: z.string() }),
  z.object({ type: z.literal("cell_started"), cellId: z.string(), toolUseId: z.string(), index: z.number() }),
  z.object({ type: z.literal("code_delta"), cellId: z.string(), delta: z.string() }),
  z.object({ type: z.literal("tool_call"), cellId: z.string(), toolUseId: z.string(), code: z.string() }),
  z.object({ type: z.literal("usage"), step: z.number(), usage, costUsd: z.number() }),
  z.object({ type: z.literal("run_end"), run: runSummarySchema, finalText: z.string().nullable() }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string() }),
]);
export type AgentEvent = z.infer<typeof agentEventSchema>;

/** What the browser posts after running an agent cell: the observation that starts the next step. */
export const observationBodySchema = z
  .object({
    toolUseId: z.string().min(1).max(200),
    cellId: z.uuid(),
    /** The code actually run: the person may have edited it in "ask before running" mode. */
    code: z.string().max(LIMITS.sourceLength),
    outputs: z.array(outputSchema).max(10_000),
    status: z.enum(["ok", "error", "interrupted", "cancelled"]),
    /** The person declined to run it. */
    skipped: z.boolean().optional(),
    /** Output files the cell wrote, already saved to the notebook (the server checks they are). */
    savedFiles: z.array(z.string().min(1).max(1100)).max(200).optional(),
  })
  .strict();
export type ObservationBody = z.infer<typeof observationBodySchema>;

/** One turn of the notebook's conversation as the panel shows it (content: the stored blocks). */
export const transcriptMessageSchema = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  role: z.enum(["user", "assistant"]),
  content: z.unknown(),
  createdAt: z.string(),
});
export type TranscriptMessage = z.infer<typeof transcriptMessageSchema>;

/** The notebook's runs and conversation, oldest first (GET /api/notebooks/:id/runs). */
export const runHistorySchema = z.object({
  runs: z.array(runSummarySchema),
  messages: z.array(transcriptMessageSchema),
});
export type RunHistory = z.infer<typeof runHistorySchema>;

export function encodeEvent(event: AgentEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** Splits an NDJSON byte stream into validated events; a malformed line is an error, not skipped. */
export async function* decodeEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<AgentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield agentEventSchema.parse(JSON.parse(line));
    }
    if (done) break;
  }
  if (buffer.trim()) yield agentEventSchema.parse(JSON.parse(buffer));
}
