// Byte-level details of the Messages API wire format: ids, SSE framing, error bodies, response
// headers. Kept apart so the shapes are easy to compare with the SDK's types
// (node_modules/@anthropic-ai/sdk/src/resources/messages/messages.ts).
import { randomInt, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ApiErrorType, HttpErrorScript } from "./types";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomBase62(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

// Same prefixes and lengths as real ids (msg_01…, toolu_01…, req_011C…), so any client-side
// parsing or display of ids sees realistic values.
export const newMessageId = () => `msg_01${randomBase62(22)}`;
export const newToolUseId = () => `toolu_01${randomBase62(22)}`;
export const newRequestId = () => `req_011C${randomBase62(20)}`;

const ORGANIZATION_ID = randomUUID();

/** One SSE frame, exactly as the API writes it. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function errorBody(type: ApiErrorType, message: string, requestId: string) {
  return { type: "error", error: { type, message }, request_id: requestId };
}

/** Headers every API response carries, streaming or not. */
export function baseHeaders(requestId: string): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, "Z");
  return {
    "request-id": requestId,
    "anthropic-organization-id": ORGANIZATION_ID,
    "anthropic-ratelimit-requests-limit": "4000",
    "anthropic-ratelimit-requests-remaining": "3999",
    "anthropic-ratelimit-requests-reset": reset,
    "anthropic-ratelimit-input-tokens-limit": "2000000",
    "anthropic-ratelimit-input-tokens-remaining": "2000000",
    "anthropic-ratelimit-input-tokens-reset": reset,
    "anthropic-ratelimit-output-tokens-limit": "400000",
    "anthropic-ratelimit-output-tokens-remaining": "400000",
    "anthropic-ratelimit-output-tokens-reset": reset,
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** The SDK's own default retry policy, which the real API mirrors in `x-should-retry`. */
function defaultShouldRetry(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export function sendApiError(res: ServerResponse, requestId: string, err: Omit<HttpErrorScript, "kind">) {
  const headers: Record<string, string> = {
    ...baseHeaders(requestId),
    "x-should-retry": String(err.shouldRetry ?? defaultShouldRetry(err.status)),
  };
  if (err.retryAfter !== undefined) headers["retry-after"] = err.retryAfter;
  if (err.retryAfterMs !== undefined) headers["retry-after-ms"] = err.retryAfterMs;
  sendJson(res, err.status, errorBody(err.errorType, err.message, requestId), headers);
}

/** HTTP status the API uses for an error type, for faults that surface outside a stream. */
export function statusForErrorType(type: ApiErrorType): number {
  const map: Record<ApiErrorType, number> = {
    invalid_request_error: 400,
    authentication_error: 401,
    billing_error: 402,
    permission_error: 403,
    not_found_error: 404,
    request_too_large: 413,
    rate_limit_error: 429,
    timeout_error: 504,
    api_error: 500,
    overloaded_error: 529,
  };
  return map[type];
}

/** Splits without cutting a surrogate pair, so every chunk is valid on its own. */
export function chunkString(text: string, size: number): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(""));
  return chunks;
}

/** Text chunks of about `size` characters, preferring to break after a space like token streams do. */
export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(" ", size);
    let cut = space > size / 2 ? space + 1 : size;
    // Never split a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut++;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) chunks.push(rest);
  return chunks;
}
