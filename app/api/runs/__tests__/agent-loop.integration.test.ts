// The agent loop end to end on the server: routes → lib/agent → real SDK → fake Anthropic, with
// the browser's side played by agent-harness.ts.
import { CURRENT_PROMPT_VERSION } from "@/lib/agent/prompts/registry";
import { beforeAll, describe, expect, it } from "vitest";
import type { FakeAnthropic } from "@/e2e/fake-anthropic/server";
import type { AgentEvent } from "@/lib/agent/events";
import {
  createNotebook,
  drive,
  fakePython,
  getNotebook,
  history,
  newOwner,
  nonce,
  requestsWith,
  runEndOf,
  runOf,
  useFakeAnthropic,
  startRun,
  withEnv,
} from "./agent-harness";

let fake: FakeAnthropic;
const fakeServer = useFakeAnthropic();
beforeAll(() => {
  fake = fakeServer();
});

type Block = { type: string; text?: string; cache_control?: unknown; content?: Block[] };
type Body = {
  system: Block[];
  tools: { name: string }[];
  messages: { role: string; content: Block[] }[];
  max_tokens: number;
};

describe("agent loop", () => {
  it("code-error-fix: the model sees the traceback, fixes the code, answers", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    const first = await startRun(cookie, nb.id, `What is 6 times 7? [scenario:code-error-fix] ${tag}`);

    // The first step, in the contract's order.
    const types = first.map((e) => e.type);
    expect(types[0]).toBe("run");
    expect(types[1]).toBe("step_start");
    expect(types.slice(-2)).toEqual(["tool_call", "usage"]);
    expect(types.indexOf("text_delta")).toBeLessThan(types.indexOf("cell_started"));
    expect(types.indexOf("cell_started")).toBeLessThan(types.indexOf("code_delta"));
    expect(runOf(first)).toMatchObject({
      status: "running",
      mode: "auto",
      model: "claude-sonnet-5-5",
      stepCount: 0,
      maxSteps: 20,
    });
    const started = first.find((e) => e.type === "cell_started")!;
    const call = first.find((e) => e.type === "tool_call")!;
    expect(started).toMatchObject({ index: 1, toolUseId: (call as { toolUseId: string }).toolUseId });
    expect(call).toMatchObject({ code: "print(undefined_name)", cellId: (started as { cellId: string }).cellId });
    expect(
      first
        .filter((e) => e.type === "code_delta")
        .map((e) => (e as { delta: string }).delta)
        .join(""),
    ).toBe("print(undefined_name)");

    const all = await drive(cookie, first);
    const end = runEndOf(all);
    expect(end.finalText).toBe("The answer is 42");
    expect(end.run).toMatchObject({ status: "completed", stepCount: 3, error: null });
    expect(end.run.costUsd).toBeGreaterThan(0);
    expect(end.run.finishedAt).not.toBeNull();
    const usages = all.filter((e): e is Extract<AgentEvent, { type: "usage" }> => e.type === "usage");
    expect(usages.map((u) => u.step)).toEqual([1, 2, 3]);
    // Cumulative for the run; with prompt caching most input is read back from the cache.
    const input = (u: (typeof usages)[number]["usage"]) => u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
    expect(input(usages[2]!.usage)).toBeGreaterThan(input(usages[1]!.usage));
    expect(input(usages[1]!.usage)).toBeGreaterThan(input(usages[0]!.usage));
    expect(usages[2]!.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(usages[2]!.costUsd).toBe(end.run.costUsd);

    // The agent's cells are in the notebook, after the person's, with the code saved.
    const after = await getNotebook(cookie, nb.id);
    expect(after.cells.map((c) => [c.author, c.source, c.version])).toEqual([
      ["person", "", 1],
      ["agent", "print(undefined_name)", 2],
      ["agent", "print(6*7)", 2],
    ]);
    expect(after.settings).toEqual({ model: "claude-sonnet-5-5", mode: "auto", promptVersion: CURRENT_PROMPT_VERSION });

    // What Claude was sent: a cached system prompt, the tool, a breakpoint on the last block,
    // the notebook, then the NameError traceback as an error tool_result.
    const requests = requestsWith(fake, tag);
    expect(requests).toHaveLength(3);
    for (const r of requests) {
      const body = r.body as unknown as Body;
      expect(r.apiKey).toMatchObject({ present: true, scheme: "bearer" });
      expect(body.system[0]!.cache_control).toEqual({ type: "ephemeral" });
      expect(body.tools.map((t) => t.name)).toEqual(["run_python"]);
      expect(body.max_tokens).toBe(32_000);
      expect(body.messages.at(-1)!.content.at(-1)!.cache_control).toEqual({ type: "ephemeral" });
    }
    const firstBody = requests[0]!.body as unknown as Body;
    expect(firstBody.messages[0]!.content[0]!.text).toMatch(/^<notebook_context>/);
    const second = requests[1]!.body as unknown as Body;
    const toolResult = second.messages.at(-1)!.content[0]!;
    expect(toolResult).toMatchObject({ type: "tool_result", is_error: true });
    expect(toolResult.content![0]!.text).toContain("NameError: name 'undefined_name' is not defined");
    // The breakpoint of the previous request is kept, so its prefix is read back from the cache.
    expect(second.messages[0]!.content.at(-1)!.cache_control).toEqual({ type: "ephemeral" });
    expect(requests[2]!.status).toBe(200);

    const h = await history(cookie, nb.id);
    expect(h.runs).toHaveLength(1);
    expect(h.runs[0]!.status).toBe("completed");
    expect(h.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(h.messages.every((m) => m.runId === h.runs[0]!.id)).toBe(true);
    expect(JSON.stringify(h.messages)).not.toContain("cache_control");
    // The panel shows cost against the per-run budget, which the history carries.
    expect((h as { budget?: unknown }).budget).toEqual({
      maxCostUsd: expect.any(Number),
      maxTokens: expect.any(Number),
    });
  });

  it("figure: the image output reaches Claude as an image block", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    const all = await drive(cookie, await startRun(cookie, nb.id, `Plot it [scenario:figure] ${tag}`), () => ({
      status: "ok",
      outputs: [
        { output_type: "display_data", data: { "image/png": png, "text/plain": "<Png>" }, metadata: {} },
        { output_type: "stream", name: "stdout", text: "figure shown\n" },
      ],
    }));
    expect(runEndOf(all).finalText).toBe("I saw 1 image.");
    const body = requestsWith(fake, tag).at(-1)!.body as unknown as Body;
    const result = body.messages.at(-1)!.content[0]!;
    expect(result.content!.map((b) => b.type)).toEqual(["text", "image"]);
    expect(result.content![1]).toMatchObject({ source: { type: "base64", media_type: "image/png", data: png } });
  });

  it("huge-print: the tool_result is truncated to the observation limit", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const text = Array.from({ length: 200_000 }, (_, i) => `${i}\n`).join("");
    const all = await withEnv({ PYLOT_AGENT_MAX_OBSERVATION_CHARS: "5000" }, async () =>
      drive(cookie, await startRun(cookie, nb.id, `Print a lot [scenario:huge-print] ${nonce()}`), () => ({
        status: "ok",
        outputs: [{ output_type: "stream", name: "stdout", text }],
      })),
    );
    const n = Number(/had (\d+) characters/.exec(runEndOf(all).finalText ?? "")?.[1]);
    expect(n).toBeGreaterThan(4000);
    expect(n).toBeLessThan(5100);
  });

  it("step-limit: the run stops with a clear message when the step budget is used", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    const all = await withEnv({ PYLOT_AGENT_MAX_STEPS: "3" }, async () =>
      drive(cookie, await startRun(cookie, nb.id, `Loop forever [scenario:step-limit] ${tag}`)),
    );
    // Three model calls, no fourth begun early and abandoned when the budget said stop.
    expect(requestsWith(fake, tag)).toHaveLength(3);
    const end = runEndOf(all);
    expect(end.run).toMatchObject({ status: "stopped", stepCount: 3, maxSteps: 3 });
    expect(end.run.error).toMatch(/^Step limit reached \(3 steps\)/);
    expect(all.filter((e) => e.type === "tool_call")).toHaveLength(3);
    // The history stays valid: the last message is the last cell's result.
    const h = await history(cookie, nb.id);
    expect(h.messages.at(-1)!.role).toBe("user");
  });

  it("follow-up: a second request sees the first one's history and the notebook", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    const one = await drive(cookie, await startRun(cookie, nb.id, `Set x [scenario:follow-up] ${tag}`));
    expect(runEndOf(one).finalText).toBe("x is set to 41.");
    const two = await drive(cookie, await startRun(cookie, nb.id, `[follow-up] now print x + 1 ${tag}`));
    expect(runEndOf(two).finalText).toBe("history ok; x + 1 printed 42");
    const h = await history(cookie, nb.id);
    expect(h.runs.map((r) => r.status)).toEqual(["completed", "completed"]);
    // The follow-up's notebook context shows the cell the agent wrote in the first run.
    const followUpBody = requestsWith(fake, "[follow-up]")[0]!.body as unknown as Body;
    const context = followUpBody.messages.at(-1)!.content[0]!.text!;
    expect(context).toContain("### cell 2 · code · written by you\n```python\nx = 41\n```");
  });

  it("approve mode: waits for approval; an edited cell and a skipped cell are reported to Claude", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    const first = await startRun(cookie, nb.id, `[scenario:code-error-fix] ${tag}`, "approve");
    expect((await history(cookie, nb.id)).runs[0]!.status).toBe("awaiting_approval");
    let round = 0;
    const all = await drive(cookie, first, (_code) => {
      round++;
      // The person fixes the first cell themselves before running it.
      if (round === 1) return { ...fakePython("print(6*7)"), code: "print(6*7)" };
      return { status: "cancelled", outputs: [], skipped: true };
    });
    expect(runEndOf(all).run.status).toBe("completed");
    const requests = requestsWith(fake, tag);
    const second = (requests[1]!.body as unknown as Body).messages.at(-1)!.content[0]!;
    expect(second.content![0]!.text).toBe("The person edited the code before running it:\nprint(6*7)\n\nOutput:\n42");
    // The edit had no NameError, so the scenario gave up politely: only two requests.
    expect(runEndOf(all).finalText).toMatch(/did not see the NameError/);
    expect(await getNotebook(cookie, nb.id).then((n) => n.settings)).toEqual({
      model: "claude-sonnet-5-5",
      mode: "approve",
      promptVersion: CURRENT_PROMPT_VERSION,
    });
  });

  it("approve mode: a declined cell tells Claude it was not run", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const tag = nonce();
    const all = await drive(cookie, await startRun(cookie, nb.id, `[scenario:figure] ${tag}`, "approve"), () => ({
      status: "cancelled",
      outputs: [],
      skipped: true,
    }));
    expect(runEndOf(all).finalText).toBe("I saw 0 images.");
    const result = (requestsWith(fake, tag)[1]!.body as unknown as Body).messages.at(-1)!.content[0]!;
    expect(result.content).toEqual([{ type: "text", text: "The person chose not to run this code." }]);
  });
});
