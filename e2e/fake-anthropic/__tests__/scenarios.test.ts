// Multi-step scenarios played through the real SDK and a minimal agent loop, plus the admin API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeAnthropicAdmin } from "../admin-client";
import { startFakeAnthropic, type FakeAnthropic } from "../server";
import { MODEL, agentLoop, clientFor, fakeKernel, finalText } from "./helpers";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const prompt = (text: string): MessageParam[] => [{ role: "user", content: text }];

describe("scenarios", () => {
  it("code-error-fix: raises, fixes, reports the observed output", async () => {
    const { last, finals } = await agentLoop(clientFor(fake), prompt("6*7? [scenario:code-error-fix]"), fakeKernel);
    expect(finals.map((m) => m.stop_reason)).toEqual(["tool_use", "tool_use", "end_turn"]);
    expect(finals[1]?.content.at(-1)).toMatchObject({ type: "tool_use", input: { code: "print(6*7)" } });
    expect(finalText(last)).toBe("The answer is 42");
    expect(fake.requests().map((r) => r.step)).toEqual([0, 1, 2]);
  });

  it("code-error-fix: says so when the error never reached it", async () => {
    const { last } = await agentLoop(clientFor(fake), prompt("[scenario:code-error-fix]"), () => [
      { type: "text", text: "ok" },
    ]);
    expect(finalText(last)).toContain("did not see the NameError");
  });

  it("figure: counts the image blocks of the tool_result", async () => {
    const png = {
      type: "image" as const,
      source: { type: "base64" as const, media_type: "image/png" as const, data: "iVBORw0KGgo=" },
    };
    const { last, finals } = await agentLoop(clientFor(fake), prompt("[scenario:figure]"), () => [
      { type: "text", text: "figure shown" },
      png,
    ]);
    const code = finals[0]?.content.find((b) => b.type === "tool_use");
    expect(code?.type === "tool_use" && (code.input as { code: string }).code).toContain("_repr_png_");
    expect(finalText(last)).toBe("I saw 1 image.");
  });

  it("huge-print: reports the length of what it received", async () => {
    const { last } = await agentLoop(clientFor(fake), prompt("[scenario:huge-print]"), () => [
      { type: "text", text: "y".repeat(1234) },
    ]);
    expect(finalText(last)).toBe("The tool result I received had 1234 characters.");
  });

  it("step-limit: never stops calling run_python", async () => {
    const { finals } = await agentLoop(clientFor(fake), prompt("[scenario:step-limit]"), fakeKernel, 5);
    expect(finals.every((m) => m.stop_reason === "tool_use")).toBe(true);
    expect(finals.map((m) => (m.content.at(-1) as { input: { code: string } }).input.code)).toEqual([
      "print(0)",
      "print(1)",
      "print(2)",
      "print(3)",
      "print(4)",
    ]);
  });

  it("follow-up: second turn sees the first one", async () => {
    const client = clientFor(fake);
    const first = await agentLoop(client, prompt("set x [scenario:follow-up]"), fakeKernel);
    expect(finalText(first.last)).toBe("x is set to 41.");
    const history = [...first.messages, { role: "user" as const, content: "[follow-up] and now x + 1?" }];
    const second = await agentLoop(client, history, fakeKernel);
    expect(finalText(second.last)).toBe("history ok; x + 1 printed 42");
    // Without the earlier turns the scenario notices.
    const bare = await agentLoop(
      client,
      [
        { role: "user", content: "[scenario:follow-up] x" },
        { role: "assistant", content: "ok" },
        { role: "user", content: "[follow-up]" },
      ],
      fakeKernel,
    );
    expect(finalText(bare.last)).toContain("history missing");
  });

  it("echo is the default and summarises the request", async () => {
    const m = await clientFor(fake).messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 50,
      messages: prompt("hi"),
    });
    expect(finalText(m)).toBe("Echo: 1 message; tools: none; cache_control: no; system: no; step: 0.");
  });

  it("marker parameters tune any scenario's stream", async () => {
    const m = await clientFor(fake)
      .messages.stream({ model: MODEL, max_tokens: 50, messages: prompt("[scenario:slow-stream delay=1 chunks=3]") })
      .finalMessage();
    expect(finalText(m)).toBe("word1 word2 word3");
  });

  it("max-tokens reports output_tokens = max_tokens", async () => {
    const m = await clientFor(fake).messages.create({
      model: MODEL,
      max_tokens: 7,
      messages: prompt("[scenario:max-tokens]"),
    });
    expect(m.stop_reason).toBe("max_tokens");
    expect(m.usage.output_tokens).toBe(7);
  });
});

describe("admin API", () => {
  it("sets the default scenario, lists requests, resets", async () => {
    const admin = fakeAnthropicAdmin(fake.url);
    await admin.setDefaultScenario("overloaded-storm");
    await expect(admin.setDefaultScenario("nope")).rejects.toThrow(/unknown scenario/);
    const err = await clientFor(fake, { maxRetries: 0 })
      .messages.create({ model: MODEL, max_tokens: 5, messages: prompt("hi") })
      .catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(529);
    const log = await admin.waitFor((l) => l.length === 1);
    expect(log[0]).toMatchObject({ scenario: "overloaded-storm", status: 529, path: "/v1/messages" });
    await clientFor(fake).messages.create({
      model: MODEL,
      max_tokens: 5,
      messages: prompt("nonce-123 [scenario:echo]"),
    });
    expect(await admin.requests({ contains: "nonce-123" })).toHaveLength(1);
    expect(await admin.requests({ scenario: "overloaded-storm" })).toHaveLength(1);
    await admin.reset();
    expect(await admin.requests()).toEqual([]);
    expect(fake.defaultScenario()).toBe("echo");
  });

  it("an unknown scenario marker is a loud 400", async () => {
    const err = await clientFor(fake)
      .messages.create({ model: MODEL, max_tokens: 5, messages: prompt("[scenario:typo]") })
      .catch((e: unknown) => e);
    expect((err as { status?: number; message: string }).status).toBe(400);
    expect((err as Error).message).toContain("unknown scenario 'typo'");
  });

  it("scenarios can be added programmatically", async () => {
    fake.addScenario("custom", () => ({
      kind: "reply",
      content: [{ type: "text", text: "custom!" }],
      stopReason: "end_turn",
    }));
    const m = await clientFor(fake).messages.create({
      model: MODEL,
      max_tokens: 5,
      messages: prompt("[scenario:custom]"),
    });
    expect(finalText(m)).toBe("custom!");
  });
});

describe("attempt counting", () => {
  it("rate-limit-then-ok fails first again for an identical later conversation", async () => {
    const client = clientFor(fake);
    await client.messages.create({ model: MODEL, max_tokens: 5, messages: prompt("[scenario:rate-limit-then-ok]") });
    await client.messages.create({ model: MODEL, max_tokens: 5, messages: prompt("[scenario:rate-limit-then-ok]") });
    expect(fake.requests().map((r) => r.status)).toEqual([429, 200, 429, 200]);
  });
});
