// Thinking on today's models, through the real SDK: blocks on the wire (omitted / summarized /
// redacted), signatures and the preserved-thinking prefix check, model switches, and the
// parameters each family refuses.
import Anthropic, { type APIError } from "@anthropic-ai/sdk";
import type {
  ContentBlock,
  ContentBlockParam,
  Message,
  MessageCreateParamsNonStreaming,
  MessageParam,
  MessageStreamEvent,
} from "@anthropic-ai/sdk/resources/messages";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "../server";
import { LEGACY_MODEL, MODEL, PRESERVED_MODEL, RUN_PYTHON_TOOL, clientFor } from "./helpers";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const SYSTEM = [
  {
    type: "text" as const,
    text: "You are Pylot, a notebook assistant.",
    cache_control: { type: "ephemeral" as const },
  },
];

type Params = Partial<MessageCreateParamsNonStreaming>;

const request = (model: string, messages: MessageParam[], extra: Params = {}): MessageCreateParamsNonStreaming => ({
  model,
  max_tokens: 1024,
  system: SYSTEM,
  tools: [RUN_PYTHON_TOOL],
  messages,
  ...extra,
});

const toolUseId = (m: Message) => m.content.find((b) => b.type === "tool_use")!.id;
const types = (content: readonly { type: string }[]) => content.map((b) => b.type);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const blocksOf = (m: MessageParam) => m.content as ContentBlockParam[];

/** Step 0 of code-error-fix, its answer and the tool_result: the history of step 1. */
async function firstStep(model: string, extra: Params = {}, prompt = "6*7? [scenario:code-error-fix]") {
  const client = clientFor(fake, { maxRetries: 0 });
  const messages: MessageParam[] = [{ role: "user", content: prompt }];
  const first = await client.messages.create(request(model, messages, extra));
  messages.push({ role: "assistant", content: first.content });
  messages.push({
    role: "user",
    content: [
      {
        type: "tool_result",
        tool_use_id: toolUseId(first),
        content: "NameError: name 'undefined_name' is not defined",
      },
    ],
  });
  const send = (history: MessageParam[], over: Params = {}) =>
    client.messages.create(request(model, history, { ...extra, ...over }));
  return { client, messages, first, send };
}

async function rejection(p: Promise<unknown>): Promise<APIError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Anthropic.APIError);
  return err as APIError;
}

async function badRequest(p: Promise<unknown>, ...fragments: string[]) {
  const err = await rejection(p);
  expect(err).toBeInstanceOf(Anthropic.BadRequestError);
  expect(err.type).toBe("invalid_request_error");
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}

describe("thinking blocks on the wire", () => {
  async function streamed(model: string, extra: Params = {}, prompt = "[scenario:code-error-fix]") {
    const events: MessageStreamEvent[] = [];
    const stream = clientFor(fake).messages.stream({
      ...request(model, [{ role: "user", content: prompt }]),
      ...extra,
    });
    stream.on("streamEvent", (e) => events.push(e));
    const message = await stream.finalMessage();
    const deltas = (type: string) =>
      events.flatMap((e) => (e.type === "content_block_delta" && e.delta.type === type ? [e.delta] : []));
    return { events, message, deltas };
  }

  it("display omitted (the default): a thinking block with empty text and a signature", async () => {
    const { events, message, deltas } = await streamed(PRESERVED_MODEL);
    const starts = events.flatMap((e) => (e.type === "content_block_start" ? [e.content_block] : []));
    expect(starts[0]).toEqual({ type: "thinking", thinking: "", signature: "" });
    expect(deltas("thinking_delta").every((d) => d.type === "thinking_delta" && d.thinking === "")).toBe(true);
    expect(deltas("signature_delta")).toHaveLength(1);
    // The signature arrives right before the thinking block's content_block_stop.
    const sigAt = events.findIndex((e) => e.type === "content_block_delta" && e.delta.type === "signature_delta");
    expect(events[sigAt + 1]).toEqual({ type: "content_block_stop", index: 0 });
    expect(types(message.content)).toEqual(["thinking", "tool_use"]);
    const [thinking] = message.content;
    expect(thinking).toMatchObject({ type: "thinking", thinking: "" });
    expect(thinking?.type === "thinking" && thinking.signature.length).toBeGreaterThan(20);
    // The thinking happened (and is billed) even though its text was not sent.
    expect(message.usage.output_tokens_details?.thinking_tokens).toBeGreaterThan(0);
    expect(fake.requests()[0]?.thinking).toEqual({ mode: "on", display: "omitted", effort: "high" });
  });

  it("display summarized: the progress note streams as thinking_delta events", async () => {
    const { message, deltas } = await streamed(PRESERVED_MODEL, {
      thinking: { type: "adaptive", display: "summarized" },
    });
    const text = deltas("thinking_delta")
      .map((d) => (d.type === "thinking_delta" ? d.thinking : ""))
      .join("");
    expect(text).toBe("I'll run the code first to see what it prints.");
    expect(message.content[0]).toMatchObject({ type: "thinking", thinking: text });
  });

  it("non-streaming answers carry the same blocks", async () => {
    const m = await clientFor(fake).messages.create(
      request(PRESERVED_MODEL, [{ role: "user", content: "[scenario:code-error-fix]" }], {
        thinking: { type: "adaptive", display: "summarized" },
      }),
    );
    expect(types(m.content)).toEqual(["thinking", "tool_use"]);
    expect(m.content[0]).toMatchObject({ thinking: "I'll run the code first to see what it prints." });
  });

  it("a final answer starts with a thinking block too; text stays text", async () => {
    const m = await clientFor(fake).messages.create(
      request(PRESERVED_MODEL, [{ role: "user", content: "hi" }], {
        thinking: { type: "adaptive", display: "summarized" },
      }),
    );
    expect(types(m.content)).toEqual(["thinking", "text"]);
    expect(m.content[1]).toMatchObject({ type: "text", text: expect.stringMatching(/^Echo: 1 message;/) });
  });

  it("interleaves thinking and text blocks; a model that does not think keeps only the text", async () => {
    const { message } = await streamed(
      PRESERVED_MODEL,
      { thinking: { type: "adaptive", display: "summarized" } },
      "[scenario:thinking-interleaved]",
    );
    expect(types(message.content)).toEqual(["thinking", "text", "thinking", "tool_use"]);
    expect(message.content[2]).toMatchObject({ thinking: "Writing the cell now." });
    const legacy = await streamed(LEGACY_MODEL, {}, "[scenario:thinking-interleaved]");
    expect(types(legacy.message.content)).toEqual(["text", "tool_use"]);
  });

  it("faults land after some text on thinking models too (thinking frames are not counted)", async () => {
    for (const scenario of ["cut-mid-stream", "error-500-mid-stream"]) {
      const texts: string[] = [];
      const stream = clientFor(fake, { maxRetries: 0 }).messages.stream(
        request(PRESERVED_MODEL, [{ role: "user", content: `[scenario:${scenario}]` }]),
      );
      stream.on("text", (t) => texts.push(t));
      await expect(stream.finalMessage()).rejects.toBeInstanceOf(Error);
      expect(texts.join("")).toMatch(/^This answer/);
    }
  });

  it("between_tools: progress notes come back as thinking blocks, final answers without thinking", async () => {
    const extra: Params = { thinking: { type: "between_tools" } };
    const { first, messages, send } = await firstStep(PRESERVED_MODEL, extra);
    expect(types(first.content)).toEqual(["thinking", "tool_use"]);
    expect(first.content[0]).toMatchObject({ thinking: "I'll run the code first to see what it prints." });
    const second = await send(messages);
    expect(second.content[0]).toMatchObject({ thinking: "That failed with a NameError; fixing it." });
    messages.push(
      { role: "assistant", content: second.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: toolUseId(second), content: "42" }] },
    );
    const last = await send(messages);
    expect(types(last.content)).toEqual(["text"]);
    expect(fake.requests()[0]?.thinking).toMatchObject({ mode: "between_tools" });
  });

  it("redacted=1: a redacted_thinking block with opaque data and no deltas, accepted back unmodified", async () => {
    const { events, message } = await streamed(PRESERVED_MODEL, {}, "[scenario:code-error-fix redacted=1]");
    const start = events.find((e) => e.type === "content_block_start");
    expect(start?.type === "content_block_start" && start.content_block).toMatchObject({
      type: "redacted_thinking",
      data: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
    });
    expect(events.some((e) => e.type === "content_block_delta" && e.index === 0)).toBe(false);
    expect(types(message.content)).toEqual(["redacted_thinking", "tool_use"]);

    const history: MessageParam[] = [
      { role: "user", content: "[scenario:code-error-fix redacted=1]" },
      { role: "assistant", content: message.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: toolUseId(message), content: "NameError" }] },
    ];
    const client = clientFor(fake, { maxRetries: 0 });
    const next = await client.messages.create(request(PRESERVED_MODEL, history));
    expect(types(next.content)).toEqual(["redacted_thinking", "tool_use"]);

    const altered = clone(history);
    const block = blocksOf(altered[1]!)[0] as { data: string };
    block.data = `${block.data.slice(0, -8)}AAAAAAA=`;
    await badRequest(
      client.messages.create(request(PRESERVED_MODEL, altered)),
      "messages.1.content.0",
      "must be passed back unmodified",
    );
  });
});

describe("signatures and the prefix check (preserved thinking)", () => {
  it("the blocks passed back unmodified are accepted, step after step", async () => {
    const { messages, send } = await firstStep(PRESERVED_MODEL);
    const second = await send(messages);
    expect(types(second.content)).toEqual(["thinking", "tool_use"]);
    messages.push(
      { role: "assistant", content: second.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: toolUseId(second), content: "42\n" }] },
    );
    const last = await send(messages);
    expect(last.content.at(-1)).toMatchObject({ type: "text", text: "The answer is 42" });
    expect(fake.requests().map((r) => [r.status, r.droppedThinking])).toEqual([
      [200, 0],
      [200, 0],
      [200, 0],
    ]);
  });

  it("altered thinking text → 400", async () => {
    const { messages, send } = await firstStep(PRESERVED_MODEL, {
      thinking: { type: "adaptive", display: "summarized" },
    });
    const altered = clone(messages);
    (blocksOf(altered[1]!)[0] as { thinking: string }).thinking += " (edited)";
    await badRequest(
      send(altered),
      "messages.1.content.0: thinking block signature is invalid",
      "passed back unmodified",
    );
  });

  it("omitted thinking filled in, or a forged signature → 400", async () => {
    const { messages, send } = await firstStep(PRESERVED_MODEL);
    const filled = clone(messages);
    (blocksOf(filled[1]!)[0] as { thinking: string }).thinking = "I thought about it.";
    await badRequest(send(filled), "signature is invalid");
    const forged = clone(messages);
    (blocksOf(forged[1]!)[0] as { signature: string }).signature = Buffer.from(
      JSON.stringify(["fake-sig-1", PRESERVED_MODEL, "0".repeat(32), "x"]),
    ).toString("base64");
    await badRequest(send(forged), "signature is invalid");
    const missing = clone(messages);
    delete (blocksOf(missing[1]!)[0] as { signature?: string }).signature;
    await badRequest(send(missing), "signature");
  });

  it("a signature from another server (another secret) → 400", async () => {
    const other = await startFakeAnthropic();
    try {
      const m = await clientFor(other).messages.create(
        request(PRESERVED_MODEL, [{ role: "user", content: "[scenario:code-error-fix]" }]),
      );
      const history: MessageParam[] = [
        { role: "user", content: "[scenario:code-error-fix]" },
        { role: "assistant", content: m.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: toolUseId(m), content: "NameError" }] },
      ];
      await badRequest(
        clientFor(fake, { maxRetries: 0 }).messages.create(request(PRESERVED_MODEL, history)),
        "signature is invalid",
      );
    } finally {
      await other.close();
    }
  });

  it("a turn sent with thinking that comes back without it → 400", async () => {
    const { messages, send } = await firstStep(PRESERVED_MODEL);
    const stripped = clone(messages);
    stripped[1]!.content = blocksOf(stripped[1]!).filter((b) => b.type !== "thinking");
    await badRequest(send(stripped), "messages.1: thinking blocks", "must be passed back");
  });

  it("a text-only turn that comes back without its thinking block → 400", async () => {
    const client = clientFor(fake, { maxRetries: 0 });
    const messages: MessageParam[] = [{ role: "user", content: "hello" }];
    const answer = await client.messages.create(request(PRESERVED_MODEL, messages));
    const text = answer.content.filter((b) => b.type === "text");
    await badRequest(
      client.messages.create(
        request(PRESERVED_MODEL, [
          ...messages,
          { role: "assistant", content: text },
          { role: "user", content: "again" },
        ]),
      ),
      "must be passed back",
    );
    // Passed back whole, it is fine.
    await client.messages.create(
      request(PRESERVED_MODEL, [
        ...messages,
        { role: "assistant", content: answer.content },
        { role: "user", content: "again" },
      ]),
    );
  });

  it.each([
    [
      "the system prompt",
      (h: MessageParam[], p: Params) => ({
        h,
        p: { ...p, system: [{ type: "text" as const, text: "You are someone else." }] },
      }),
    ],
    [
      "the tools",
      (h: MessageParam[], p: Params) => ({
        h,
        p: { ...p, tools: [{ ...RUN_PYTHON_TOOL, description: "Runs Python." }] },
      }),
    ],
    [
      "an earlier message",
      (h: MessageParam[], p: Params) => {
        const c = clone(h);
        c[0] = { role: "user", content: "6*8? [scenario:code-error-fix]" };
        return { h: c, p };
      },
    ],
  ])("changing %s → 400 bound to a different conversation", async (_what, change) => {
    const { messages, send } = await firstStep(PRESERVED_MODEL);
    const { h, p } = change(messages, {});
    await badRequest(send(h, p), "messages.1.content.0", "The block is bound to a different conversation");
  });

  it("an earlier thinking block of the same turn left out or moved → 400 bound to a different conversation", async () => {
    const { messages, send } = await firstStep(PRESERVED_MODEL, {}, "[scenario:thinking-interleaved]");
    expect(types(blocksOf(messages[1]!))).toEqual(["thinking", "text", "thinking", "tool_use"]);
    const leftOut = clone(messages);
    leftOut[1]!.content = blocksOf(leftOut[1]!).slice(1);
    await badRequest(send(leftOut), "messages.1.content.1", "bound to a different conversation");
    const moved = clone(messages);
    const [a, text, b, tool] = blocksOf(moved[1]!);
    moved[1]!.content = [b!, text!, a!, tool!];
    await badRequest(send(moved), "messages.1.content.0", "bound to a different conversation");
    await send(messages);
  });

  it("moved cache_control breakpoints, reordered keys and string-vs-block content are the same prefix", async () => {
    const { messages, send } = await firstStep(PRESERVED_MODEL);
    const moved = clone(messages) as unknown as { role: string; content: Record<string, unknown>[] | string }[];
    moved[0]!.content = [
      { cache_control: { type: "ephemeral" }, text: "6*7? [scenario:code-error-fix]", type: "text" },
    ];
    const tool = (moved[1]!.content as Record<string, unknown>[])[1]!;
    moved[1]!.content = [
      (moved[1]!.content as Record<string, unknown>[])[0]!,
      Object.fromEntries(Object.entries(tool).reverse()),
    ];
    (moved[2]!.content as Record<string, unknown>[])[0]!.cache_control = { type: "ephemeral", ttl: "1h" };
    const system = [{ type: "text" as const, text: SYSTEM[0]!.text }];
    const ok = await send(moved as unknown as MessageParam[], { system });
    expect(ok.content.at(-1)).toMatchObject({ type: "tool_use", input: { code: "print(6*7)" } });
  });

  it("thinking blocks of a model the requested one cannot read are dropped silently", async () => {
    const { messages } = await firstStep(PRESERVED_MODEL);
    const client = clientFor(fake, { maxRetries: 0 });
    const switched = await client.messages.create(request("claude-opus-5-5", messages));
    expect(switched.content.at(-1)).toMatchObject({ type: "tool_use", input: { code: "print(6*7)" } });
    expect(fake.requests().at(-1)).toMatchObject({
      status: 200,
      droppedThinking: 1,
      model: "claude-opus-5-5",
      family: "preserved",
    });
    // Leaving them out instead is fine too: that model would not have read them.
    const stripped = clone(messages);
    stripped[1]!.content = blocksOf(stripped[1]!).filter((b) => b.type !== "thinking");
    await client.messages.create(request("claude-opus-5-5", stripped));
    // Altered ones are still refused: the signature is checked first.
    const altered = clone(messages);
    (blocksOf(altered[1]!)[0] as { thinking: string }).thinking = "x";
    await badRequest(client.messages.create(request("claude-opus-5-5", altered)), "signature is invalid");
  });

  it("fable 5.1 reads Opus 5.5's blocks, and checks their prefix", async () => {
    const { messages } = await firstStep("claude-opus-5-5");
    const client = clientFor(fake, { maxRetries: 0 });
    await client.messages.create(request("claude-fable-5-1", messages));
    expect(fake.requests().at(-1)).toMatchObject({ status: 200, droppedThinking: 0 });
    await badRequest(
      client.messages.create(request("claude-fable-5-1", messages, { system: "changed" })),
      "bound to a different conversation",
    );
    // Mythos 5.1 does not read them: dropped, so their prefix does not matter.
    await client.messages.create(request("claude-mythos-5-1", messages, { system: "changed" }));
    expect(fake.requests().at(-1)).toMatchObject({ status: 200, droppedThinking: 1 });
  });

  it("prefixCheck off: a changed prefix is accepted, an altered block is not", async () => {
    fake.setPrefixCheck("off");
    const { messages, send } = await firstStep(PRESERVED_MODEL);
    await send(messages, { system: "Another system prompt." });
    const stripped = clone(messages);
    stripped[1]!.content = blocksOf(stripped[1]!).filter((b) => b.type !== "thinking");
    await send(stripped);
    const altered = clone(messages);
    (blocksOf(altered[1]!)[0] as { thinking: string }).thinking = "x";
    await badRequest(send(altered), "signature is invalid");
  });

  it("thinking blocks belong in assistant messages only", async () => {
    const { first } = await firstStep(PRESERVED_MODEL);
    const block = first.content[0] as ContentBlock;
    await badRequest(
      clientFor(fake, { maxRetries: 0 }).messages.create(
        request(PRESERVED_MODEL, [
          { role: "user", content: [block as ContentBlockParam, { type: "text", text: "hi" }] },
        ]),
      ),
      "messages.0.content.0",
    );
  });
});

describe("adaptive and legacy models", () => {
  it("adaptive: signatures are checked, the prefix is not", async () => {
    const { messages, send } = await firstStep(MODEL);
    expect(types(blocksOf(messages[1]!))).toEqual(["thinking", "tool_use"]);
    await send(messages, { system: "Another system prompt." });
    const stripped = clone(messages);
    stripped[1]!.content = blocksOf(stripped[1]!).filter((b) => b.type !== "thinking");
    await send(stripped);
    const altered = clone(messages);
    (blocksOf(altered[1]!)[0] as { thinking: string }).thinking = "x";
    await badRequest(send(altered), "signature is invalid");
  });

  it("adaptive: thinking disabled gives the legacy shape", async () => {
    const { first } = await firstStep(MODEL, { thinking: { type: "disabled" } });
    expect(types(first.content)).toEqual(["text", "tool_use"]);
    expect(fake.requests()[0]?.thinking).toEqual({ mode: "off", display: "omitted", effort: "high" });
  });

  it("legacy: no thinking unless enabled; earlier thinking blocks are ignored, even unsigned", async () => {
    const { first, messages, send } = await firstStep(LEGACY_MODEL);
    expect(types(first.content)).toEqual(["text", "tool_use"]);
    expect(first.content[0]).toMatchObject({ text: "I'll run the code first to see what it prints." });
    const withBogus = clone(messages);
    withBogus[1]!.content = [
      { type: "thinking", thinking: "made up", signature: "not-a-signature" },
      ...blocksOf(withBogus[1]!),
    ];
    await send(withBogus);
    expect(fake.requests().at(-1)).toMatchObject({
      status: 200,
      family: "legacy",
      thinking: { mode: "off", effort: null },
    });

    const enabled = await firstStep(LEGACY_MODEL, {
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
    });
    expect(types(enabled.first.content)).toEqual(["thinking", "tool_use"]);
    // Legacy thinking is summarized unless asked otherwise.
    expect(enabled.first.content[0]).toMatchObject({ thinking: "I'll run the code first to see what it prints." });
  });
});

describe("parameters each model refuses", () => {
  const ask = (
    model: string,
    extra: Record<string, unknown>,
    messages: MessageParam[] = [{ role: "user", content: "hi" }],
  ) =>
    clientFor(fake, { maxRetries: 0 }).messages.create({
      ...request(model, messages),
      ...extra,
    } as MessageCreateParamsNonStreaming);
  const prefill: MessageParam[] = [
    { role: "user", content: "hi" },
    { role: "assistant", content: "The answer is" },
  ];

  it.each<[string, Record<string, unknown>, string[], MessageParam[]?]>([
    [
      PRESERVED_MODEL,
      { thinking: { type: "disabled" } },
      ["thinking.type", "'disabled'", "between_tools", PRESERVED_MODEL],
    ],
    [PRESERVED_MODEL, { thinking: { type: "enabled", budget_tokens: 2048 } }, ["thinking.type", "'enabled'"]],
    [PRESERVED_MODEL, { thinking: { type: "adaptive", budget_tokens: 2048 } }, ["thinking.budget_tokens"]],
    [PRESERVED_MODEL, { tool_choice: { type: "any" } }, ["tool_choice.type", "'any'"]],
    [PRESERVED_MODEL, { tool_choice: { type: "tool", name: "run_python" } }, ["tool_choice.type", "'tool'"]],
    [PRESERVED_MODEL, { temperature: 0.5 }, ["temperature", PRESERVED_MODEL]],
    [PRESERVED_MODEL, { top_p: 0.9 }, ["top_p"]],
    [PRESERVED_MODEL, { top_k: 5 }, ["top_k"]],
    [PRESERVED_MODEL, {}, ["messages.1", "prefill"], prefill],
    [
      PRESERVED_MODEL,
      { thinking: { type: "between_tools" }, output_config: { effort: "xhigh" } },
      ["output_config.effort", "between_tools"],
    ],
    [
      PRESERVED_MODEL,
      { thinking: { type: "between_tools" }, output_config: { effort: "max" } },
      ["output_config.effort", "'max'"],
    ],
    [PRESERVED_MODEL, { thinking: { type: "adaptive", display: "full" } }, ["thinking.adaptive.display"]],
    [PRESERVED_MODEL, { output_config: { effort: "extreme" } }, ["output_config.effort"]],
    [
      "claude-haiku-5-5",
      { output_config: { effort: "xhigh" } },
      ["output_config.effort", "'xhigh'", "claude-haiku-5-5"],
    ],
    ["claude-sonnet-4-6", { output_config: { effort: "xhigh" } }, ["'xhigh'", "claude-sonnet-4-6"]],
    ["claude-opus-4-6", { output_config: { effort: "xhigh" } }, ["'xhigh'"]],
    ["claude-sonnet-4-6", { temperature: 1 }, ["temperature"]],
    ["claude-opus-5", { thinking: { type: "enabled", budget_tokens: 2048 } }, ["thinking.type", "'enabled'"]],
    ["claude-opus-5", { thinking: { type: "between_tools" } }, ["'between_tools'", "'disabled'"]],
    [LEGACY_MODEL, { thinking: { type: "adaptive" } }, ["thinking.type", "'adaptive'", LEGACY_MODEL]],
    [LEGACY_MODEL, { output_config: { effort: "high" } }, ["output_config.effort", LEGACY_MODEL]],
    ["claude-opus-4-5", { output_config: { effort: "low" } }, ["output_config.effort", "claude-opus-4-5"]],
    [LEGACY_MODEL, { thinking: { type: "enabled", budget_tokens: 512 } }, ["budget_tokens", "1024"]],
    [
      LEGACY_MODEL,
      { max_tokens: 2048, thinking: { type: "enabled", budget_tokens: 2048 } },
      ["max_tokens", "budget_tokens"],
    ],
  ])("%s %j → 400", async (model, extra, fragments, messages) => {
    await badRequest(ask(model, extra, messages), ...fragments);
  });

  it.each<[string, Record<string, unknown>, MessageParam[]?]>([
    [PRESERVED_MODEL, { tool_choice: { type: "auto", disable_parallel_tool_use: true } }],
    [PRESERVED_MODEL, { tool_choice: { type: "none" } }],
    [PRESERVED_MODEL, { thinking: { type: "between_tools" }, output_config: { effort: "high" } }],
    [PRESERVED_MODEL, { thinking: { type: "adaptive", display: "omitted" }, output_config: { effort: "max" } }],
    ["claude-haiku-5-5", { output_config: { effort: "max" } }],
    ["claude-opus-4-8", { output_config: { effort: "xhigh" } }],
    ["claude-sonnet-4-6", { thinking: { type: "disabled" } }],
    ["claude-sonnet-4-6", {}, prefill],
    [LEGACY_MODEL, { temperature: 0.2, top_k: 5 }],
    [LEGACY_MODEL, { thinking: { type: "disabled" } }, prefill],
  ])("%s %j is accepted", async (model, extra, messages) => {
    const m = await ask(model, extra, messages);
    expect(m.stop_reason).toBe("end_turn");
  });

  it("records the effort played: the request's, else the model's default", async () => {
    for (const model of [PRESERVED_MODEL, "claude-opus-5-5", "claude-haiku-5-5", "claude-opus-4-7", LEGACY_MODEL])
      await ask(model, {});
    await ask(PRESERVED_MODEL, { output_config: { effort: "low" } });
    expect(fake.requests().map((r) => r.thinking?.effort ?? null)).toEqual([
      "high",
      "medium",
      "medium",
      "high",
      null,
      "low",
    ]);
  });
});
