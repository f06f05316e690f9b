// Turns whatever a model call threw into one sentence the person can act on. The details (stack,
// request id) go to the server log, never to the browser.
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
} from "@anthropic-ai/sdk";

import { isRetired } from "./models/model-spec";
import { retiredModelMessage } from "./run-settings";

/** An error a custom ModelClient can throw when it already has the person-facing message. */
export class ModelCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelCallError";
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof APIUserAbortError || (err instanceof Error && err.name === "AbortError");
}

const lost = (why = "") =>
  `The connection to Claude was lost mid-answer${why}. Try again: the conversation up to the last complete step is kept.`;

const CONNECTION_CUT = /terminated|socket|ECONNRESET|other side closed|premature close|network/i;

/** `started`: the answer had begun streaming, so a dropped connection was cut mid-answer. */
export function describeModelError(err: unknown, maxRetries: number, model?: string, started = false): string {
  if (err instanceof ModelCallError) return err.message;
  // The API answers a retired or unknown model with 404 not_found_error: say which and what to use.
  if (err instanceof NotFoundError && model) {
    return isRetired(model)
      ? retiredModelMessage(model)
      : `The model "${model}" is not available to this API key (404). Pick another model in the list.`;
  }
  if (err instanceof AuthenticationError)
    return "Claude rejected the API key (401). Check ANTHROPIC_API_KEY on the server.";
  if (err instanceof PermissionDeniedError)
    return "Claude refused the request (403): the API key may not have access to this model.";
  if (err instanceof RateLimitError)
    return "Claude's rate limit was hit and retries did not help (429). Try again shortly.";
  if (err instanceof OverloadedError || (err instanceof APIError && err.status === 529)) {
    return `Claude is overloaded right now (529) even after ${maxRetries} ${maxRetries === 1 ? "retry" : "retries"}. Try again in a minute.`;
  }
  // SDK 1.17 reports a stream cut after the 200 as a connection error ("terminated").
  if (err instanceof APIConnectionError && started) return lost();
  if (err instanceof APIConnectionError) {
    return `Could not reach Claude (${err.message.replace(/\.$/, "")}). Check the server's network and ANTHROPIC_BASE_URL.`;
  }
  if (err instanceof APIError) {
    if (err.status === undefined) {
      // An `event: error` frame after the 200: the answer had started and was cut short.
      const type = err.type ?? "error";
      const detail = err.apiMessage ? `: ${err.apiMessage}` : "";
      return lost(` (Claude reported ${type}${detail})`);
    }
    return `Claude request failed (${err.status}): ${err.apiMessage ?? stripStatus(err.message)}`;
  }
  if (
    err instanceof Error &&
    (CONNECTION_CUT.test(err.message) || (err.cause instanceof Error && CONNECTION_CUT.test(err.cause.message)))
  ) {
    return lost();
  }
  return `Claude request failed: ${err instanceof Error ? err.message : String(err)}`;
}

function stripStatus(message: string): string {
  return message.replace(/^\d{3}\s+/, "");
}
