// The request builder per model family: every parameter comes from the capability table (or the
// API's own capability report), and a model never gets one it refuses.
import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../limits";
import { buildModelRequest } from "../model-request";
import { forgetLiveModels, rememberLiveModels } from "../models/model-spec";
import { CURRENT_PROMPT_VERSION, conversationPrefix } from "../prompts/registry";

const turns = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];
const build = (
  model: string,
  effort: Parameters<typeof buildModelRequest>[0]["effort"] = null,
  promptVersion: string | null = CURRENT_PROMPT_VERSION,
) => buildModelRequest({ model, effort, promptVersion }, turns, DEFAULT_LIMITS);

/** Parameters today's thinking models refuse with a 400. */
function expectNothingRefused(req: ReturnType<typeof build>) {
  expect(req).not.toHaveProperty("temperature");
  expect(req).not.toHaveProperty("top_p");
  expect(req).not.toHaveProperty("top_k");
  expect(req.tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
  expect(req.messages.at(-1)!.role).toBe("user"); // no assistant prefill
}

describe("model requests", () => {
  afterEach(() => forgetLiveModels());

  it("Sonnet 5.5: adaptive thinking with the notes returned, effort only when chosen", () => {
    const plain = build("claude-sonnet-5-5");
    expect(plain.thinking).toEqual({ type: "adaptive", display: "summarized" });
    expect(plain).not.toHaveProperty("output_config");
    expectNothingRefused(plain);
    expect(build("claude-sonnet-5-5", "xhigh").output_config).toEqual({ effort: "xhigh" });
  });

  it("Opus 5.5 and Fable: thinking always on, no 'disabled' or budgets ever sent", () => {
    for (const model of ["claude-opus-5-5", "claude-fable-5-2", "claude-fable-5-1"]) {
      const req = build(model, "max");
      expect(req.thinking).toEqual({ type: "adaptive", display: "summarized" });
      expect(req.output_config).toEqual({ effort: "max" });
      expectNothingRefused(req);
    }
  });

  it("an effort the model does not take is left out (the API's default applies)", () => {
    expect(build("claude-haiku-5-5", "xhigh")).not.toHaveProperty("output_config");
    expect(build("claude-haiku-5-5", "low").output_config).toEqual({ effort: "low" });
  });

  it("Haiku 4.5 (no adaptive thinking, no effort): neither is sent; max_tokens within its output limit", () => {
    const req = build("claude-haiku-4-5", "high");
    expect(req).not.toHaveProperty("thinking");
    expect(req).not.toHaveProperty("output_config");
    expect(req.max_tokens).toBeLessThanOrEqual(64_000);
  });

  it("a model only the Models API knows follows the API's capability report", () => {
    const base = { supported: true };
    const no = { supported: false };
    rememberLiveModels([
      {
        id: "claude-sonnet-6",
        type: "model",
        display_name: "Claude Sonnet 6",
        created_at: "2026-12-01T00:00:00Z",
        lifecycle: "active",
        deprecated_at: null,
        retires_at: null,
        line: "sonnet",
        max_input_tokens: 1_000_000,
        max_tokens: 4096,
        capabilities: {
          thinking: { supported: true, types: { adaptive: base, between_tools: base, disabled: no, enabled: no } },
          effort: { supported: true, low: base, medium: base, high: base, xhigh: null, max: no },
          batch: base,
          citations: base,
          code_execution: base,
          context_management: {
            supported: false,
            clear_thinking_20251015: null,
            clear_tool_uses_20250919: null,
            compact_20260112: null,
          },
          image_input: base,
          pdf_input: base,
          server_tools: { supported: false, code_execution: no, web_search: no },
          structured_outputs: base,
        },
      } satisfies ModelInfo,
    ]);
    const req = build("claude-sonnet-6", "max");
    expect(req.thinking).toEqual({ type: "adaptive", display: "summarized" });
    expect(req).not.toHaveProperty("output_config"); // max is not among its levels
    expect(build("claude-sonnet-6", "medium").output_config).toEqual({ effort: "medium" });
    expect(req.max_tokens).toBe(4096);
  });

  it("an unknown model gets a plain request", () => {
    const req = build("claude-someday-9", "high");
    expect(req).not.toHaveProperty("thinking");
    expect(req).not.toHaveProperty("output_config");
  });

  it("system and tools are the conversation's frozen prefix, identical on every request", () => {
    const a = build("claude-sonnet-5-5");
    const b = buildModelRequest(
      { model: "claude-opus-5-5", effort: "low", promptVersion: CURRENT_PROMPT_VERSION },
      [...turns, { role: "assistant", content: [{ type: "text", text: "x" }] }, ...turns],
      DEFAULT_LIMITS,
    );
    expect(JSON.stringify([b.system, b.tools])).toBe(JSON.stringify([a.system, a.tools]));
    const prefix = conversationPrefix(CURRENT_PROMPT_VERSION);
    expect(a.system).toEqual([{ type: "text", text: prefix.system, cache_control: { type: "ephemeral" } }]);
    expect(a.tools).toBe(prefix.tools);
    // A conversation from before versions gets the current prefix; it has no thinking blocks to invalidate.
    expect(JSON.stringify(build("claude-sonnet-5-5", null, null).system)).toBe(JSON.stringify(a.system));
  });
});
