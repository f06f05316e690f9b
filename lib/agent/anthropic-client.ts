// The production ModelClient: the Anthropic SDK's streaming call. The SDK client is chosen per call
// by the current environment (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, retries), so a test or an
// operator changing the environment takes effect without a restart, but one client (and its
// connection pool) serves every call with the same settings instead of one per model call.
import "server-only";
import Anthropic, { APIUserAbortError } from "@anthropic-ai/sdk";
import type { ModelClient, ModelRequest, RawMessageStreamEvent } from "./model-client";
import { warnDeprecatedModelsOnce } from "./sdk-warnings";

const DEFAULT_MAX_RETRIES = 2;

export function apiKeyConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.ANTHROPIC_API_KEY?.trim());
}

function maxRetriesFromEnv(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.PYLOT_ANTHROPIC_MAX_RETRIES);
  return env.PYLOT_ANTHROPIC_MAX_RETRIES !== undefined && Number.isInteger(n) && n >= 0 && n <= 10
    ? n
    : DEFAULT_MAX_RETRIES;
}

/** Overrides for a caller that is not the app (the evaluation harness points the SDK at a fake). */
export interface AnthropicClientOptions {
  apiKey?: string;
  baseURL?: string;
  maxRetries?: number;
}

const clients = new Map<string, Anthropic>();

/**
 * Next.js wraps the global fetch in route handlers (caching, tracing) and keeps the original
 * beside it; model calls are never cached, so they use the original when it is there.
 */
function plainFetch(): typeof fetch {
  const original = (globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch })._nextOriginalFetch;
  return original ?? globalThis.fetch;
}

function sdkClient(apiKey: string | undefined, baseURL: string | undefined, maxRetries: number): Anthropic {
  const key = JSON.stringify([apiKey, baseURL ?? process.env.ANTHROPIC_BASE_URL ?? null, maxRetries]);
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= 16) clients.clear(); // settings changed many times (tests): forget old clients
    client = new Anthropic({ apiKey, maxRetries, fetch: plainFetch(), ...(baseURL ? { baseURL } : {}) });
    clients.set(key, client);
  }
  return client;
}

/** The SDK client for the current environment (the model catalog lists models with it). */
export function sdkClientFromEnv(options: AnthropicClientOptions = {}): Anthropic {
  return sdkClient(
    options.apiKey ?? process.env.ANTHROPIC_API_KEY,
    options.baseURL,
    options.maxRetries ?? maxRetriesFromEnv(),
  );
}

export function createAnthropicClient(options: AnthropicClientOptions = {}): ModelClient {
  warnDeprecatedModelsOnce();
  const maxRetries = options.maxRetries ?? maxRetriesFromEnv();
  return {
    maxRetries,
    async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<RawMessageStreamEvent> {
      const client = sdkClient(options.apiKey ?? process.env.ANTHROPIC_API_KEY, options.baseURL, maxRetries);
      // The raw event stream, not messages.stream(): the step driver accumulates the answer
      // itself, so the SDK's message snapshot (re-parsing tool input JSON on every delta) is
      // work done twice. HTTP errors throw here (after the SDK's retries), SSE errors from next().
      const stream = await client.messages.create({ ...request, stream: true }, { signal });
      for await (const event of stream) yield event;
      // The SDK's iterator ends quietly when the request is aborted; an abort is not an answer.
      if (signal.aborted) throw new APIUserAbortError();
    },
  };
}
