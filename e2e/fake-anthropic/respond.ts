// Plays a scripted reply on the wire: as the SSE event sequence of a streaming request, or as
// one Message JSON, including the faults (error event, cut connection) and per-delta delays.
// Thinking blocks stream as content_block_start {thinking:"", signature:""}, thinking_delta
// events, one signature_delta, content_block_stop; redacted_thinking arrives whole in its start.
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { tokensFor, type InputUsage } from "./usage";
import {
  baseHeaders,
  chunkString,
  chunkText,
  errorBody,
  newMessageId,
  sendApiError,
  sendJson,
  sseFrame,
  statusForErrorType,
} from "./wire";
import type { JsonObject, ReplyScript, RequestEventType, ResolvedBlock, StreamOptions, WireBlock } from "./types";

export interface PlayContext {
  res: ServerResponse;
  requestId: string;
  model: string;
  maxTokens: number;
  stream: boolean;
  input: InputUsage;
  /** Aborted when the client goes away before the response is complete. */
  clientGone: AbortSignal;
  record: (type: RequestEventType) => void;
  /** Called right before the server itself kills the socket, so that is not logged as a client close. */
  markServerCut: () => void;
}

function outputTokens(
  script: ReplyScript,
  blocks: ResolvedBlock[],
  maxTokens: number,
): { output: number; thinking: number } {
  const thinking = tokensFor(blocks.reduce((n, b) => n + b.thinkingChars, 0));
  if (script.usage)
    return { output: script.usage.output_tokens, thinking: Math.min(thinking, script.usage.output_tokens) };
  if (script.stopReason === "max_tokens") return { output: maxTokens, thinking: Math.min(thinking, maxTokens) };
  const chars = blocks.reduce((n, b) => n + b.outputChars - b.thinkingChars, 0);
  return { output: Math.max(1, tokensFor(chars) + thinking), thinking };
}

interface Output {
  output: number;
  /** null when the answer has no thinking (usage.output_tokens_details stays null then). */
  thinking: number | null;
}

const details = (out: Output) => (out.thinking === null ? null : { thinking_tokens: out.thinking });

function usageObject(input: InputUsage, out: Output) {
  return {
    ...input,
    output_tokens: out.output,
    output_tokens_details: details(out),
    server_tool_use: null,
    service_tier: "standard",
    inference_geo: null,
    speed: "standard",
  };
}

function messageObject(ctx: PlayContext, id: string, content: unknown[], stopReason: string | null, out: Output) {
  return {
    id,
    type: "message",
    role: "assistant",
    model: ctx.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: usageObject(ctx.input, out),
  };
}

interface Frame {
  text: string;
  delta: boolean;
  /** Part of a thinking block: not counted by a fault's afterEvents, so a fault lands in the same
   * place of the answer (after some text) whether or not the model thinks. */
  thinking: boolean;
}

function blockFrames(block: WireBlock, opts: StreamOptions): { start: WireBlock; deltas: JsonObject[] } {
  switch (block.type) {
    case "text":
      return {
        start: { ...block, text: "" },
        deltas: chunkText(block.text, opts.textChunkChars ?? 16).map((text) => ({ type: "text_delta", text })),
      };
    case "tool_use":
      return {
        start: { ...block, input: {} },
        deltas: chunkString(JSON.stringify(block.input), opts.jsonChunkChars ?? 20).map((partial_json) => ({
          type: "input_json_delta",
          partial_json,
        })),
      };
    case "thinking":
      // Text (none when display is omitted), then the signature just before content_block_stop.
      return {
        start: { type: "thinking", thinking: "", signature: "" },
        deltas: [
          ...chunkText(block.thinking, opts.textChunkChars ?? 16).map((thinking) => ({
            type: "thinking_delta",
            thinking,
          })),
          { type: "signature_delta", signature: block.signature },
        ],
      };
    case "redacted_thinking":
      return { start: block, deltas: [] };
  }
}

function buildFrames(ctx: PlayContext, script: ReplyScript, blocks: ResolvedBlock[], out: Output): Frame[] {
  const opts = script.stream ?? {};
  const frames: Frame[] = [];
  let thinking = false;
  const push = (event: string, data: unknown, delta = false) =>
    frames.push({ text: sseFrame(event, data), delta, thinking });
  push("message_start", {
    type: "message_start",
    message: messageObject(ctx, newMessageId(), [], null, { output: 1, thinking: null }),
  });
  push("ping", { type: "ping" });
  let deltas = 0;
  blocks.forEach(({ block }, index) => {
    thinking = block.type === "thinking" || block.type === "redacted_thinking";
    const { start, deltas: pieces } = blockFrames(block, opts);
    push("content_block_start", { type: "content_block_start", index, content_block: start });
    for (const delta of pieces) {
      push("content_block_delta", { type: "content_block_delta", index, delta }, true);
      if (opts.pingEveryDeltas && ++deltas % opts.pingEveryDeltas === 0) push("ping", { type: "ping" });
    }
    push("content_block_stop", { type: "content_block_stop", index });
  });
  thinking = false;
  const { cache_creation: _omit, ...totals } = ctx.input;
  push("message_delta", {
    type: "message_delta",
    delta: { stop_reason: script.stopReason, stop_sequence: null, stop_details: null, container: null },
    usage: { ...totals, output_tokens: out.output, server_tool_use: null, output_tokens_details: details(out) },
  });
  push("message_stop", { type: "message_stop" });
  return frames;
}

/** Resolves once the frame is handed to the kernel (or the client is gone), so a cut comes after it. */
function write(ctx: PlayContext, text: string): Promise<void> {
  const signal = ctx.clientGone;
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    // One listener per write, removed again: a long stream must not pile listeners on the signal.
    const done = () => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done);
    ctx.res.write(text, done);
  });
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

function cut(ctx: PlayContext) {
  ctx.markServerCut();
  ctx.record("connection-cut");
  ctx.res.socket?.destroy();
}

async function playStream(ctx: PlayContext, script: ReplyScript, frames: Frame[]) {
  const { res } = ctx;
  res.writeHead(200, {
    ...baseHeaders(ctx.requestId),
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  res.flushHeaders();
  ctx.record("response-started");
  const delay = script.stream?.deltaDelayMs ?? 0;
  const fault = script.fault;
  let sent = 0;
  for (const frame of frames) {
    if (fault && sent >= fault.afterEvents && !frame.thinking) break;
    if (frame.delta) await pause(delay, ctx.clientGone);
    if (ctx.clientGone.aborted) return;
    await write(ctx, frame.text);
    if (!frame.thinking) sent++;
  }
  if (ctx.clientGone.aborted) return;
  if (fault?.kind === "cut") return cut(ctx);
  if (fault?.kind === "error-event") {
    const message = fault.message ?? (fault.errorType === "overloaded_error" ? "Overloaded" : "Internal server error");
    await write(ctx, sseFrame("error", errorBody(fault.errorType, message, ctx.requestId)));
    ctx.record("error-event-sent");
  }
  res.end();
}

async function playJson(
  ctx: PlayContext,
  script: ReplyScript,
  blocks: ResolvedBlock[],
  out: Output,
  deltaCount: number,
) {
  // A non-streaming answer takes as long as the stream would have.
  await pause((script.stream?.deltaDelayMs ?? 0) * deltaCount, ctx.clientGone);
  if (ctx.clientGone.aborted) return;
  const fault = script.fault;
  if (fault?.kind === "cut") return cut(ctx);
  if (fault?.kind === "error-event") {
    const status = statusForErrorType(fault.errorType);
    return sendApiError(ctx.res, ctx.requestId, {
      status,
      errorType: fault.errorType,
      message: fault.message ?? "Internal server error",
    });
  }
  ctx.record("response-started");
  const content = blocks.map((b) => b.block);
  sendJson(
    ctx.res,
    200,
    messageObject(ctx, newMessageId(), content, script.stopReason, out),
    baseHeaders(ctx.requestId),
  );
}

/** Plays `blocks` (the script's content resolved for the model, see thinking.ts) as SSE or JSON. */
export async function playReply(ctx: PlayContext, script: ReplyScript, blocks: ResolvedBlock[]): Promise<void> {
  const counted = outputTokens(script, blocks, ctx.maxTokens);
  const hasThinking = blocks.some((b) => b.block.type === "thinking" || b.block.type === "redacted_thinking");
  const out: Output = { output: counted.output, thinking: hasThinking ? counted.thinking : null };
  const frames = buildFrames(ctx, script, blocks, out);
  if (ctx.stream) return playStream(ctx, script, frames);
  return playJson(ctx, script, blocks, out, frames.filter((f) => f.delta).length);
}
