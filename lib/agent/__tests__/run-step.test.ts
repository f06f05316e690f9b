import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../events";
import { DEFAULT_LIMITS } from "../limits";
import { runSteps } from "../run-step";
import { MemoryStore, ScriptedModel } from "./memory-store";

async function collect(gen: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

function setup(replies: ConstructorParameters<typeof ScriptedModel>[0], over = {}) {
  const store = new MemoryStore();
  const run = store.addRun(over);
  store.push(run.id, "user", [
    { type: "text", text: "<notebook_context/>" },
    { type: "text", text: "What is 6*7?" },
  ]);
  const model = new ScriptedModel(replies);
  return { store, run, model, deps: { store, model, limits: DEFAULT_LIMITS } };
}

describe("step driver (in memory)", () => {
  it("streams text and code, creates the cell, ends the step with the tool call", async () => {
    const { deps, run, store, model } = setup([
      { text: "Computing.", tool: { id: "tu1", input: { code: 'print("a\\tb")' } } },
    ]);
    const events = await collect(runSteps(deps, run.id, new AbortController().signal));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("step_start");
    expect(types.slice(-2)).toEqual(["tool_call", "usage"]);
    expect(
      events
        .filter((e) => e.type === "text_delta")
        .map((e) => (e as { text: string }).text)
        .join(""),
    ).toBe("Computing.");
    const started = events.find((e) => e.type === "cell_started");
    expect(started).toMatchObject({ toolUseId: "tu1", index: 0 });
    expect(
      events
        .filter((e) => e.type === "code_delta")
        .map((e) => (e as { delta: string }).delta)
        .join(""),
    ).toBe('print("a\\tb")');
    expect(events.find((e) => e.type === "tool_call")).toMatchObject({ toolUseId: "tu1", code: 'print("a\\tb")' });
    expect(store.cells[0]!.source).toBe('print("a\\tb")');
    expect(store.conversation.at(-1)!.content.at(-1)).toMatchObject({ type: "tool_use", id: "tu1" });
    expect(store.runs.get(run.id)).toMatchObject({
      status: "running",
      stepCount: 1,
      usage: { inputTokens: 100, outputTokens: 50 },
    });
    // The request: cached system prompt, the tool, one call per answer, a breakpoint on the last block.
    const req = model.requests[0]!;
    expect(req.system).toMatchObject([{ type: "text", cache_control: { type: "ephemeral" } }]);
    expect(req.tools).toMatchObject([{ name: "run_python" }]);
    expect(req.tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(req.max_tokens).toBe(32_000);
    expect(JSON.stringify(req.messages.at(-1))).toContain('"cache_control":{"type":"ephemeral"}');
  });

  it("waits for approval in approve mode; completes with the final text", async () => {
    const a = setup([{ tool: { id: "tu1", input: { code: "1" } } }], { mode: "approve" });
    await collect(runSteps(a.deps, a.run.id, new AbortController().signal));
    expect(a.store.runs.get(a.run.id)!.status).toBe("awaiting_approval");

    const b = setup([{ text: "It is 42." }]);
    const events = await collect(runSteps(b.deps, b.run.id, new AbortController().signal));
    expect(events.at(-1)).toMatchObject({ type: "run_end", finalText: "It is 42.", run: { status: "completed" } });
  });

  it("answers an invalid tool call itself and calls the model again", async () => {
    const { deps, run, store } = setup([{ tool: { id: "bad", input: { source: "x" } } }, { text: "Sorry, done." }]);
    const events = await collect(runSteps(deps, run.id, new AbortController().signal));
    expect(events.filter((e) => e.type === "step_start")).toHaveLength(2);
    expect(events.some((e) => e.type === "tool_call")).toBe(false);
    const results = store.conversation[2]!;
    expect(results.role).toBe("user");
    expect(JSON.stringify(results.content)).toContain("Invalid run_python input");
    expect(events.at(-1)).toMatchObject({ type: "run_end", run: { status: "completed" } });
  });

  it("stops at the step limit before calling the model", async () => {
    const { deps, run, model } = setup([], { stepCount: 3, maxSteps: 3 });
    const events = await collect(runSteps(deps, run.id, new AbortController().signal));
    expect(model.requests).toHaveLength(0);
    expect(events).toEqual([
      expect.objectContaining({
        type: "run_end",
        run: expect.objectContaining({
          status: "stopped",
          error: expect.stringMatching(/^Step limit reached \(3 steps\)/),
        }),
      }),
    ]);
  });

  it("a failed call ends the run with the message and keeps no partial answer; its cell keeps the partial code", async () => {
    const { deps, run, store } = setup([{ tool: { id: "tu1", input: { code: "print(12345)" } }, failAfter: 5 }]);
    const events = await collect(runSteps(deps, run.id, new AbortController().signal));
    expect(events.at(-1)).toMatchObject({
      type: "run_end",
      run: { status: "failed", error: expect.stringMatching(/lost mid-answer/) },
    });
    expect(store.conversation).toHaveLength(1);
    expect(store.cells[0]!.source.length).toBeGreaterThan(0);
    expect("print(12345)".startsWith(store.cells[0]!.source)).toBe(true);
  });

  it("an abort (the browser went away) leaves the run interrupted, with nothing appended", async () => {
    const { deps, run, store } = setup([{ text: "a long answer that never ends", failAfter: 3, hang: true }]);
    const abort = new AbortController();
    const events: AgentEvent[] = [];
    for await (const e of runSteps(deps, run.id, abort.signal)) {
      events.push(e);
      if (e.type === "text_delta") abort.abort();
    }
    expect(events.some((e) => e.type === "run_end")).toBe(false);
    expect(store.runs.get(run.id)).toMatchObject({ status: "interrupted", stepCount: 1 });
    expect(store.conversation).toHaveLength(1);
  });
});
