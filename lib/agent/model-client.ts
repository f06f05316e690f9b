// What the step driver needs from a model: one streamed Messages API call. The production client
// is the Anthropic SDK (anthropic-client.ts); an evaluation harness or a test can pass another.
import type { MessageCreateParamsBase, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";

/** The request body of one call, as the Messages API takes it (stream is implied). */
export type ModelRequest = Omit<MessageCreateParamsBase, "stream">;

export interface ModelClient {
  /** Retries the client makes on 429/5xx before an error reaches the caller (for error messages). */
  readonly maxRetries: number;
  /**
   * Streams the raw events of one call (message_start, content_block_*, message_delta, message_stop).
   * Must stop and throw when `signal` aborts; errors are mapped by model-errors.ts.
   */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<RawMessageStreamEvent>;
}

export type { RawMessageStreamEvent };
