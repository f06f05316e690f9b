import { describe, expect, it, vi } from "vitest";
import { budgetExhausted, DEFAULT_LIMITS, readLimits } from "../limits";
import { ZERO_USAGE } from "../pricing";

describe("limits", () => {
  it("defaults, and reads the environment", () => {
    expect(readLimits({})).toEqual(DEFAULT_LIMITS);
    const l = readLimits({
      PYLOT_AGENT_MAX_STEPS: "5",
      PYLOT_AGENT_MAX_COST_USD: "0.5",
      PYLOT_AGENT_MAX_TOKENS: "1000",
      PYLOT_AGENT_RUNS_PER_MINUTE: "3",
      PYLOT_AGENT_MAX_OBSERVATION_CHARS: "777",
    });
    expect(l).toMatchObject({
      maxSteps: 5,
      maxCostUsd: 0.5,
      maxTokens: 1000,
      runsPerMinute: 3,
      maxTokensPerCall: 32_000,
    });
    expect(l.observation.maxTextChars).toBe(777);
  });

  it("ignores malformed values instead of disabling a limit", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(
      readLimits({ PYLOT_AGENT_MAX_STEPS: "0", PYLOT_AGENT_MAX_COST_USD: "lots", PYLOT_AGENT_MAX_TOKENS: "1.5" }),
    ).toEqual(DEFAULT_LIMITS);
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });

  it("says which budget ran out, checked before each model call", () => {
    const run = { stepCount: 0, maxSteps: 3, usage: ZERO_USAGE, costUsd: 0 };
    expect(budgetExhausted(run, DEFAULT_LIMITS)).toBeNull();
    expect(budgetExhausted({ ...run, stepCount: 3 }, DEFAULT_LIMITS)).toMatch(/^Step limit reached \(3 steps\)/);
    expect(budgetExhausted({ ...run, costUsd: 2.01 }, DEFAULT_LIMITS)).toMatch(
      /^Cost limit reached: this run used \$2\.01 of its \$2\.00 budget/,
    );
    const usage = {
      inputTokens: 1_000_000,
      outputTokens: 500_000,
      cacheReadTokens: 400_000,
      cacheWriteTokens: 100_000,
    };
    expect(budgetExhausted({ ...run, usage }, DEFAULT_LIMITS)).toMatch(
      /^Token limit reached: this run used 2,000,000 of its 2,000,000 tokens/,
    );
  });
});
