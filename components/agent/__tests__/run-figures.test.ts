import { describe, expect, it } from "vitest";
import type { RunSummary } from "@/lib/agent/events";
import { summaryText } from "../run-figures";

const run: RunSummary = {
  id: "r",
  status: "completed",
  model: "m",
  mode: "auto",
  effort: null,
  stepCount: 3,
  maxSteps: 20,
  usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 30, cacheWriteTokens: 4 },
  costUsd: 0.01234,
  error: null,
  createdAt: "2026-12-05T10:00:00.000Z",
  finishedAt: "2026-12-05T10:00:12.500Z",
};

describe("run summary line", () => {
  it("gives steps, tokens, cost against the budget and time", () => {
    expect(summaryText(run, { maxCostUsd: 2, maxTokens: 2_000_000 })).toBe(
      "Done · 3 steps · 1,234 tokens · $0.0123 of $2.00 budget · 13 s",
    );
  });
  it("says how a run ended and leaves out what it does not know", () => {
    expect(summaryText({ ...run, status: "stopped", stepCount: 1, finishedAt: null }, null)).toBe(
      "Stopped · 1 step · 1,234 tokens · $0.0123",
    );
  });
});
