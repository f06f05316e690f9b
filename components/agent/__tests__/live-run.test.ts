// The agent panel's live view as a function of the run's events (the runner hook's state).
import { describe, expect, it } from "vitest";
import type { AgentEvent, RunSummary } from "@/lib/agent/events";
import { liveOnEvent, type LiveRun } from "../live-run";

const summary = (id = "run-1", over: Partial<RunSummary> = {}): RunSummary => ({
  id,
  status: "running",
  model: "claude-sonnet-5-5",
  mode: "auto",
  effort: null,
  stepCount: 1,
  maxSteps: 20,
  usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
  costUsd: 0,
  error: null,
  createdAt: "2026-12-05T00:00:00.000Z",
  finishedAt: null,
  ...over,
});

const fold = (events: AgentEvent[], from: LiveRun | null = null) => events.reduce(liveOnEvent, from);

describe("liveOnEvent", () => {
  it("starts quiet, then shows text, notes and usage as they stream", () => {
    const live = fold([
      { type: "run", run: summary() },
      { type: "step_start", step: 2 },
      { type: "thinking_start", redacted: false },
      { type: "thinking_delta", text: "plan" },
      { type: "text_delta", text: "Hello" },
      {
        type: "usage",
        step: 2,
        usage: { inputTokens: 5, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
        costUsd: 0.5,
      },
    ]);
    expect(live).toMatchObject({
      text: "Hello",
      notes: [{ step: 2, text: "plan", redacted: false }],
      quiet: false,
      phase: "thinking",
      awaiting: null,
      run: { stepCount: 2, costUsd: 0.5, usage: { inputTokens: 5 } },
    });
  });

  it("a new step is quiet again until something shows; a redacted note or a cell counts", () => {
    const started = fold([
      { type: "run", run: summary() },
      { type: "text_delta", text: "a" },
    ]);
    expect(fold([{ type: "step_start", step: 2 }], started)!.quiet).toBe(true);
    expect(
      fold(
        [
          { type: "step_start", step: 2 },
          { type: "thinking_delta", text: "  " },
        ],
        started,
      )!.quiet,
    ).toBe(true);
    expect(
      fold(
        [
          { type: "step_start", step: 2 },
          { type: "thinking_start", redacted: true },
        ],
        started,
      )!.quiet,
    ).toBe(false);
    const cell: AgentEvent = { type: "cell_started", cellId: "c", toolUseId: "t", index: 0 };
    expect(fold([{ type: "step_start", step: 2 }, cell], started)!.quiet).toBe(false);
  });

  it("keeps the text across the streams of one run, not of another", () => {
    const first = fold([
      { type: "run", run: summary() },
      { type: "text_delta", text: "kept" },
    ]);
    expect(fold([{ type: "run", run: summary() }], first)!.text).toBe("kept");
    expect(fold([{ type: "run", run: summary("run-2") }], first)!.text).toBe("");
  });

  it("ends with the run, and shows nothing for events without a live run", () => {
    const live = fold([{ type: "run", run: summary() }]);
    expect(
      fold([{ type: "run_end", run: summary("run-1", { status: "completed" }), finalText: "x" }], live),
    ).toBeNull();
    expect(
      fold([
        { type: "text_delta", text: "stray" },
        { type: "step_start", step: 3 },
      ]),
    ).toBeNull();
  });
});
