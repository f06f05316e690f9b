// A scripted ModelClient, and the in-memory run store (lib/agent/memory-store.ts, which the
// evaluation harness uses): the step driver without a database or a network.
import type { ModelClient, ModelRequest, RawMessageStreamEvent } from "../model-client";
export { MemoryStore } from "../memory-store";

type Reply = {
  thinking?: { text: string; signature: string } | { redacted: string };
  text?: string;
  tool?: { id: string; name?: string; input: unknown };
  stop?: string;
  failAfter?: number;
  hang?: boolean;
};

/** Plays one scripted reply per call as raw stream events; records the requests. */
export class ScriptedModel implements ModelClient {
  readonly maxRetries = 0;
  requests: ModelRequest[] = [];
  constructor(private replies: Reply[]) {}

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<RawMessageStreamEvent> {
    this.requests.push(structuredClone(request));
    const reply = this.replies.shift();
    if (!reply) throw new Error("no scripted reply left");
    const events: RawMessageStreamEvent[] = [];
    const usage = { input_tokens: 100, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    events.push({ type: "message_start", message: { usage } } as unknown as RawMessageStreamEvent);
    let index = 0;
    if (reply.thinking && "redacted" in reply.thinking) {
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "redacted_thinking", data: reply.thinking.redacted },
      } as unknown as RawMessageStreamEvent);
      events.push({ type: "content_block_stop", index } as RawMessageStreamEvent);
      index++;
    } else if (reply.thinking) {
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "thinking", thinking: "", signature: "" },
      } as unknown as RawMessageStreamEvent);
      for (const piece of reply.thinking.text.match(/.{1,6}/gs) ?? []) {
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "thinking_delta", thinking: piece },
        } as RawMessageStreamEvent);
      }
      events.push({
        type: "content_block_delta",
        index,
        delta: { type: "signature_delta", signature: reply.thinking.signature },
      } as RawMessageStreamEvent);
      events.push({ type: "content_block_stop", index } as RawMessageStreamEvent);
      index++;
    }
    if (reply.text) {
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "text", text: "" },
      } as unknown as RawMessageStreamEvent);
      for (const piece of reply.text.match(/.{1,5}/gs) ?? []) {
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "text_delta", text: piece },
        } as RawMessageStreamEvent);
      }
      events.push({ type: "content_block_stop", index } as RawMessageStreamEvent);
      index++;
    }
    if (reply.tool) {
      const { id, name = "run_python", input } = reply.tool;
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id, name, input: {} },
      } as unknown as RawMessageStreamEvent);
      for (const piece of JSON.stringify(input).match(/.{1,4}/gs) ?? []) {
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "input_json_delta", partial_json: piece },
        } as RawMessageStreamEvent);
      }
      events.push({ type: "content_block_stop", index } as RawMessageStreamEvent);
    }
    events.push({
      type: "message_delta",
      delta: { stop_reason: reply.stop ?? (reply.tool ? "tool_use" : "end_turn") },
      usage: { output_tokens: 50 },
    } as unknown as RawMessageStreamEvent);
    events.push({ type: "message_stop" } as RawMessageStreamEvent);
    for (const [i, e] of events.entries()) {
      if (reply.failAfter !== undefined && i >= reply.failAfter) {
        if (reply.hang) {
          const aborted = () => Object.assign(new Error("aborted"), { name: "AbortError" });
          if (signal.aborted) throw aborted();
          await new Promise((_, reject) => signal.addEventListener("abort", () => reject(aborted())));
        }
        throw new Error("socket hang up: other side closed");
      }
      yield e;
    }
  }
}
