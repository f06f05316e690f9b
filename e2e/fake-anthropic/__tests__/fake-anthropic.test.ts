// The fake against the REAL @anthropic-ai/sdk: if the SDK can reassemble, retry and fail on what
// the fake sends exactly as it would against api.anthropic.com, the fake speaks the wire format.
import Anthropic, { type APIError } from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "../server";
import { LEGACY_MODEL, MODEL, RUN_PYTHON_TOOL, clientFor, waitUntil } from "./helpers";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ask = (prompt: string) => ({
  model: MODEL,
  max_tokens: 1024,
  messages: [{ role: "user" as const, content: prompt }],
  tools: [RUN_PYTHON_TOOL],
});

describe("streaming", () => {
  it("reassembles thinking, text and tool_use input from SSE deltas", async () => {
    // MODEL thinks by default; "summarized" sends its progress note as thinking text.
    const stream = clientFor(fake).messages.stream({
      ...ask("What is 6*7? [scenario:code-error-fix]"),
      thinking: { type: "adaptive", display: "summarized" },
    });
    const jsonChunks: string[] = [];
    const thinkingChunks: string[] = [];
    stream.on("inputJson", (partial) => jsonChunks.push(partial));
    stream.on("thinking", (delta) => thinkingChunks.push(delta));
    const message = await stream.finalMessage();

    expect(message.id).toMatch(/^msg_/);
    expect(message.model).toBe(MODEL);
    expect(message.stop_reason).toBe("tool_use");
    const [thinking, tool] = message.content;
    expect(thinking).toMatchObject({ type: "thinking", thinking: "I'll run the code first to see what it prints." });
    expect(thinking?.type === "thinking" && thinking.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(tool).toMatchObject({ type: "tool_use", name: "run_python", input: { code: "print(undefined_name)" } });
    expect(tool?.type === "tool_use" && tool.id).toMatch(/^toolu_/);
    // Arrived gradually, as several deltas, not in one piece.
    expect(jsonChunks.length).toBeGreaterThan(1);
    expect(thinkingChunks.length).toBeGreaterThan(1);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(1);
    expect(message.usage.output_tokens_details?.thinking_tokens).toBeGreaterThan(0);
    expect(stream.request_id).toMatch(/^req_/);
  });

  it("reassembles text deltas from a model that does not think", async () => {
    const stream = clientFor(fake).messages.stream({ ...ask("[scenario:code-error-fix]"), model: LEGACY_MODEL });
    const textChunks: string[] = [];
    stream.on("text", (delta) => textChunks.push(delta));
    const message = await stream.finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(["text", "tool_use"]);
    expect(message.content[0]).toMatchObject({ type: "text", text: "I'll run the code first to see what it prints." });
    expect(textChunks.length).toBeGreaterThan(1);
    expect(message.usage.output_tokens_details).toBeNull();
  });

  it("answers non-streaming requests with one Message JSON", async () => {
    const message = await clientFor(fake).messages.create(ask("[scenario:code-error-fix]"));
    expect(message.content[1]).toMatchObject({ type: "tool_use", input: { code: "print(undefined_name)" } });
    expect(message._request_id).toMatch(/^req_/);
    expect(fake.requests()[0]).toMatchObject({ stream: false, status: 200, scenario: "code-error-fix", step: 0 });
  });

  it("records the request without the credential", async () => {
    await clientFor(fake).messages.create(ask("hello"));
    const [r] = fake.requests();
    expect(r?.apiKey).toEqual({ present: true, scheme: "bearer", valid: true });
    expect(r?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain("test-key");
    expect(r?.headers["anthropic-version"]).toBeTruthy();
    expect(r?.scenario).toBe("echo");
  });
});

describe("errors and retries", () => {
  it("rejects a bad key with AuthenticationError, without retrying", async () => {
    const err = await clientFor(fake, { apiKey: "bad-key" })
      .messages.create(ask("hi"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((err as APIError).type).toBe("authentication_error");
    expect(fake.requests()).toHaveLength(1);
  });

  it("error-401 scenario answers 401 even with a good key", async () => {
    const stream = clientFor(fake).messages.stream(ask("[scenario:error-401]"));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    expect(fake.requests().map((r) => r.status)).toEqual([401]);
  });

  it("rate-limit-then-ok succeeds after the SDK's own retry", async () => {
    const message = await clientFor(fake).messages.stream(ask("[scenario:rate-limit-then-ok]")).finalMessage();
    expect(message.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(message.content[1]).toMatchObject({ type: "text", text: "Recovered after a rate limit." });
    expect(fake.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it("overloaded-storm fails with 529 after maxRetries + 1 attempts", async () => {
    const err = await clientFor(fake, { maxRetries: 2 })
      .messages.create(ask("[scenario:overloaded-storm]"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.OverloadedError);
    expect((err as APIError).status).toBe(529);
    expect(fake.requests()).toHaveLength(3);
  });

  it("a mid-stream error event rejects the stream with the API's error type", async () => {
    const stream = clientFor(fake).messages.stream(ask("[scenario:error-500-mid-stream]"));
    const err = await stream.finalMessage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as APIError).type).toBe("api_error");
    // Once a 200 has started streaming, the SDK does not retry.
    expect(fake.requests()).toHaveLength(1);
    expect(fake.requests()[0]?.events.map((e) => e.type)).toContain("error-event-sent");
  });

  it("a cut connection mid-stream rejects the stream", async () => {
    const stream = clientFor(fake).messages.stream(ask("[scenario:cut-mid-stream]"));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Error);
    const [r] = fake.requests();
    expect(r?.events.map((e) => e.type)).toContain("connection-cut");
    expect(r?.closedEarly).toBe(false);
  });

  it("rejects unpaired tool_result blocks like the real API (400)", async () => {
    const err = await clientFor(fake)
      .messages.create({
        model: MODEL,
        max_tokens: 100,
        messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_missing", content: "x" }] }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as APIError).apiMessage).toContain("tool_use_id");
  });
});

describe("stop", () => {
  it("records connection-closed when the client aborts a slow stream", async () => {
    const controller = new AbortController();
    const stream = clientFor(fake).messages.stream(ask("[scenario:slow-stream delay=50]"), {
      signal: controller.signal,
    });
    stream.once("text", () => controller.abort());
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
    await waitUntil(() => fake.requests()[0]?.closedEarly === true);
    const [r] = fake.requests();
    expect(r?.events.map((e) => e.type)).toContain("connection-closed");
    expect(r?.events.map((e) => e.type)).not.toContain("finished");
  });
});

describe("usage and prompt caching", () => {
  const system = [
    { type: "text" as const, text: "You are Pylot. ".repeat(200), cache_control: { type: "ephemeral" as const } },
  ];

  it("reports cache creation on the first request and a read on the next", async () => {
    const client = clientFor(fake);
    const first = await client.messages.create({ ...ask("one"), system });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(700);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(first.usage.cache_creation?.ephemeral_5m_input_tokens).toBe(first.usage.cache_creation_input_tokens);

    const second = await client.messages.stream({ ...ask("two"), system }).finalMessage();
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.input_tokens).toBeGreaterThan(0);
  });

  it("a breakpoint that moves forward still reads what the previous request wrote", async () => {
    const client = clientFor(fake);
    const turn1 = [
      {
        role: "user" as const,
        content: [
          { type: "text" as const, text: "first question ".repeat(50), cache_control: { type: "ephemeral" as const } },
        ],
      },
    ];
    const a = await client.messages.create({ model: MODEL, max_tokens: 100, messages: turn1 });
    const turn2 = [
      { role: "user" as const, content: [{ type: "text" as const, text: "first question ".repeat(50) }] },
      { role: "assistant" as const, content: "an answer" },
      {
        role: "user" as const,
        content: [{ type: "text" as const, text: "second", cache_control: { type: "ephemeral" as const } }],
      },
    ];
    const b = await client.messages.create({ model: MODEL, max_tokens: 100, messages: turn2 });
    expect(b.usage.cache_read_input_tokens).toBe(a.usage.cache_creation_input_tokens);
    expect(b.usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it("count_tokens approximates the input", async () => {
    const count = await clientFor(fake).messages.countTokens({
      model: MODEL,
      messages: [{ role: "user", content: "x".repeat(400) }],
    });
    expect(count.input_tokens).toBeGreaterThanOrEqual(100);
  });
});
