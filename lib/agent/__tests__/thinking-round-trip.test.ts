// Thinking blocks go back exactly as the API sent them, in order, and the conversation only grows:
// a request's messages begin with the previous request's messages, byte for byte (cache
// breakpoints aside), which is what the API's prefix check on thinking blocks compares.
import { describe, expect, it } from "vitest";
import { requestMessages, textResult, type Turn } from "../conversation";
import type { AgentEvent } from "../events";
import { DEFAULT_LIMITS } from "../limits";
import { runSteps } from "../run-step";
import { MemoryStore, ScriptedModel } from "./memory-store";

async function collect(gen: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

/** A request's messages as the prefix check sees them: cache_control is request metadata. */
const bytes = (messages: unknown) => JSON.stringify(messages, (k, v) => (k === "cache_control" ? undefined : v));

describe("thinking round trip", () => {
  it("streams the notes, keeps every block in order and sends them back unchanged", async () => {
    const store = new MemoryStore();
    const run = store.addRun({ model: "claude-sonnet-5-5" });
    store.push(run.id, "user", [
      { type: "text", text: "<notebook_context/>" },
      { type: "text", text: "What is 6*7?" },
    ]);
    const model = new ScriptedModel([
      {
        thinking: { text: "I'll compute it in a cell.", signature: "sig-1" },
        tool: { id: "tu1", input: { code: "print(6*7)" } },
      },
      { thinking: { redacted: "ENCRYPTED==" }, text: "It is 42." },
    ]);
    const deps = { store, model, limits: DEFAULT_LIMITS };
    const first = await collect(runSteps(deps, run.id, new AbortController().signal));
    expect(first.filter((e) => e.type === "thinking_start")).toEqual([{ type: "thinking_start", redacted: false }]);
    expect(
      first
        .filter((e) => e.type === "thinking_delta")
        .map((e) => (e as { text: string }).text)
        .join(""),
    ).toBe("I'll compute it in a cell.");
    // The notes come before the cell, as the model wrote them.
    expect(first.findIndex((e) => e.type === "thinking_delta")).toBeLessThan(
      first.findIndex((e) => e.type === "cell_started"),
    );
    expect(store.conversation.at(-1)!.content).toEqual([
      { type: "thinking", thinking: "I'll compute it in a cell.", signature: "sig-1" },
      { type: "tool_use", id: "tu1", name: "run_python", input: { code: "print(6*7)" } },
    ]);

    await store.appendToolResults(run.id, [textResult("tu1", "42", false)]);
    const second = await collect(runSteps(deps, run.id, new AbortController().signal));
    expect(second.filter((e) => e.type === "thinking_start")).toEqual([{ type: "thinking_start", redacted: true }]);
    expect(second.find((e) => e.type === "run_end")).toMatchObject({ finalText: "It is 42." });
    expect(store.conversation.at(-1)!.content).toEqual([
      { type: "redacted_thinking", data: "ENCRYPTED==" },
      { type: "text", text: "It is 42." },
    ]);

    // The second request carried the first answer's thinking block unchanged, signature included,
    // and began with the first request's messages.
    const [r1, r2] = model.requests;
    expect(r2!.messages[1]).toEqual({ role: "assistant", content: store.conversation[1]!.content });
    expect(bytes(r2!.messages).startsWith(bytes(r1!.messages).slice(0, -1))).toBe(true);
  });

  it("a cut-off answer keeps no thinking (its reasoning is incomplete and it ends the run)", async () => {
    const store = new MemoryStore();
    const run = store.addRun({ model: "claude-sonnet-5-5" });
    store.push(run.id, "user", [{ type: "text", text: "go" }]);
    const model = new ScriptedModel([
      { thinking: { text: "long", signature: "s" }, text: "partial", stop: "max_tokens" },
    ]);
    await collect(runSteps({ store, model, limits: DEFAULT_LIMITS }, run.id, new AbortController().signal));
    expect(store.conversation.at(-1)!.content).toEqual([{ type: "text", text: "partial" }]);
  });

  it("normalizing a stored conversation never rewrites an earlier turn as the conversation grows", () => {
    const thinking = { type: "thinking" as const, thinking: "", signature: "s1" };
    const grown: Turn[][] = [];
    const convo: Turn[] = [
      {
        role: "user",
        content: [
          { type: "text", text: "ctx" },
          { type: "text", text: "q1" },
        ],
      },
    ];
    grown.push([...convo]);
    convo.push({
      role: "assistant",
      content: [
        thinking,
        { type: "text", text: "  " },
        { type: "tool_use", id: "a", name: "run_python", input: { code: "1" } },
      ],
    });
    // The run ended with the call open; the next request answers it first (newRequestContent).
    convo.push({
      role: "user",
      content: [textResult("a", "[not run: the run ended first]", true), { type: "text", text: "q2" }],
    });
    grown.push([...convo]);
    convo.push({
      role: "assistant",
      content: [
        { ...thinking, signature: "s2" },
        { type: "tool_use", id: "b", name: "run_python", input: { code: "2" } },
      ],
    });
    convo.push({ role: "user", content: [textResult("b", "2", false)] });
    grown.push([...convo]);
    // A failed step leaves the person's turn alone; the next request is a second user turn.
    convo.push({
      role: "user",
      content: [
        { type: "text", text: "ctx" },
        { type: "text", text: "q3" },
      ],
    });
    grown.push([...convo]);
    const sent = grown.map((t) => requestMessages(t));
    for (let i = 1; i < sent.length; i++) {
      const before = sent[i - 1]!;
      expect(bytes(sent[i]!.slice(0, before.length))).toBe(bytes(before));
    }
    // Empty thinking text is kept (the API returns it so under display "omitted").
    expect(sent.at(-1)![1]!.content).toContainEqual(thinking);
  });
});
