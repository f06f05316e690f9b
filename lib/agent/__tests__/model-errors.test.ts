import { APIConnectionError, APIError, AnthropicError } from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { describeModelError, ModelCallError } from "../model-errors";

const headers = new Headers({ "request-id": "req_1" });
const httpError = (status: number, type: string, message: string) =>
  APIError.generate(status, { type: "error", error: { type, message } }, undefined, headers);

describe("model error messages", () => {
  it("maps HTTP errors to what the person can do about them", () => {
    expect(describeModelError(httpError(401, "authentication_error", "invalid x-api-key"), 2)).toBe(
      "Claude rejected the API key (401). Check ANTHROPIC_API_KEY on the server.",
    );
    expect(describeModelError(httpError(429, "rate_limit_error", "slow down"), 2)).toBe(
      "Claude's rate limit was hit and retries did not help (429). Try again shortly.",
    );
    expect(describeModelError(httpError(529, "overloaded_error", "Overloaded"), 2)).toBe(
      "Claude is overloaded right now (529) even after 2 retries. Try again in a minute.",
    );
    expect(describeModelError(httpError(529, "overloaded_error", "Overloaded"), 1)).toMatch(/after 1 retry\./);
    expect(describeModelError(httpError(500, "api_error", "Internal server error"), 2)).toBe(
      "Claude request failed (500): Internal server error",
    );
    expect(describeModelError(httpError(400, "invalid_request_error", "messages.1: bad"), 2)).toBe(
      "Claude request failed (400): messages.1: bad",
    );
  });

  it("an error event mid-stream or a cut connection is a lost answer", () => {
    const midStream = new APIError(
      undefined,
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
      undefined,
      headers,
      "overloaded_error",
    );
    expect(describeModelError(midStream, 2)).toBe(
      "The connection to Claude was lost mid-answer (Claude reported overloaded_error: Overloaded). Try again: the conversation up to the last complete step is kept.",
    );
    const cut = Object.assign(new AnthropicError("terminated"), { cause: new TypeError("terminated") });
    expect(describeModelError(cut, 2)).toMatch(/^The connection to Claude was lost mid-answer\. Try again/);
  });

  it("an unreachable server and custom clients' errors", () => {
    expect(describeModelError(new APIConnectionError({ message: "Connection error." }), 2)).toMatch(
      /^Could not reach Claude \(Connection error\)/,
    );
    expect(describeModelError(new ModelCallError("Replay has no more answers."), 2)).toBe(
      "Replay has no more answers.",
    );
    expect(describeModelError(new Error("boom"), 2)).toBe("Claude request failed: boom");
  });
});
