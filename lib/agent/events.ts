// The agent's wire types, once, with zod: the event union streamed from server to browser during
// a run (NDJSON) and its codec, the observation the browser posts, and the panel's history. Both
// ends import this file, so a new event is a compile error until both handle it.
// zod/mini: the browser decodes every event with these, and the mini build is a fraction of the classic one.
import * as z from "zod/mini";
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
  effort: z.nullable(z.enum(EFFORTS)),
  stepCount: z.number(),
  maxSteps: z.number(),
  usage,
  costUsd: z.number(),
  error: z.nullable(z.string()),
  createdAt: z.string(),
  finishedAt: z.nullable(z.string()),
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
  z.object({ type: z.literal("run_end"), run: runSummarySchema, finalText: z.nullable(z.string()) }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string() }),
]);
export type AgentEvent = z.infer<typeof agentEventSchema>;

/** What the browser posts after running an agent cell: the observation that starts the next step. */
export const observationBodySchema = z.strictObject({
  toolUseId: z.string().check(z.minLength(1), z.maxLength(200)),
  cellId: z.uuid(),
  /** The code actually run: the person may have edited it in "ask before running" mode. */
  code: z.string().check(z.maxLength(LIMITS.sourceLength)),
  outputs: z.array(outputSchema).check(z.maxLength(10_000)),
  status: z.enum(["ok", "error", "interrupted", "cancelled"]),
  /** The person declined to run it. */
  skipped: z.optional(z.boolean()),
  /** Output files the cell wrote, already saved to the notebook (the server checks they are). */
  savedFiles: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(1100))).check(z.maxLength(200))),
});
export type ObservationBody = z.infer<typeof observationBodySchema>;

/** One turn of the notebook's conversation as the panel shows it (content: the stored blocks). */
export const transcriptMessageSchema = z.object({
  id: z.string(),
  runId: z.nullable(z.string()),
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
