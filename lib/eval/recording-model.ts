// Wraps a ModelClient and keeps each call's complete answer (content blocks, stop reason, usage,
// time), assembled from the same raw stream events the step driver sees. The trace of a task is
// built from it, and a replay plays these answers back.
import type { ModelClient, ModelRequest, RawMessageStreamEvent } from "@/lib/agent/model-client";

export type RecordedBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; name: string; input: Record<string, unknown> };

export interface RecordedUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface RecordedCall {
  content: RecordedBlock[];
  stopReason: string | null;
  usage: RecordedUsage;
  durationMs: number;
  /** Set when the call failed (the SDK threw): the message, and no content is kept. */
  error: string | null;
}

type Partial_ = { type: "text"; text: string } | { type: "tool_use"; name: string; json: string } | null;

export class RecordingModel implements ModelClient {
  readonly calls: RecordedCall[] = [];
  constructor(private readonly inner: ModelClient) {}

  get maxRetries() {
    return this.inner.maxRetries;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<RawMessageStreamEvent> {
    const t0 = performance.now();
    const parts: Partial_[] = [];
    const call: RecordedCall = {
      content: [],
      stopReason: null,
      usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
      durationMs: 0,
      error: null,
    };
    this.calls.push(call);
    try {
      for await (const ev of this.inner.stream(request, signal)) {
        switch (ev.type) {
          case "message_start": {
            const u = ev.message.usage;
            call.usage = {
              input_tokens: u.input_tokens,
              output_tokens: u.output_tokens,
              cache_read_input_tokens: u.cache_read_input_tokens ?? 0,
              cache_creation_input_tokens: u.cache_creation_input_tokens ?? 0,
            };
            break;
          }
          case "message_delta":
            call.stopReason = ev.delta.stop_reason ?? call.stopReason;
            call.usage = {
              input_tokens: ev.usage.input_tokens ?? call.usage.input_tokens,
              output_tokens: ev.usage.output_tokens,
              cache_read_input_tokens: ev.usage.cache_read_input_tokens ?? call.usage.cache_read_input_tokens,
              cache_creation_input_tokens:
                ev.usage.cache_creation_input_tokens ?? call.usage.cache_creation_input_tokens,
            };
            break;
          case "content_block_start":
            parts[ev.index] =
              ev.content_block.type === "text"
                ? { type: "text", text: ev.content_block.text }
                : ev.content_block.type === "tool_use"
                  ? { type: "tool_use", name: ev.content_block.name, json: "" }
                  : null;
            break;
          case "content_block_delta": {
            const p = parts[ev.index];
            if (p?.type === "text" && ev.delta.type === "text_delta") p.text += ev.delta.text;
            if (p?.type === "tool_use" && ev.delta.type === "input_json_delta") p.json += ev.delta.partial_json;
            break;
          }
        }
        yield ev;
      }
    } catch (e) {
      call.error = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      call.durationMs = performance.now() - t0;
      call.content = parts.flatMap((p): RecordedBlock[] => {
        if (!p) return [];
        if (p.type === "text") return p.text ? [p] : [];
        try {
          return [{ type: "tool_use", name: p.name, input: JSON.parse(p.json || "{}") as Record<string, unknown> }];
        } catch {
          return [{ type: "tool_use", name: p.name, input: { _unparsed: p.json } }];
        }
      });
    }
  }
}
