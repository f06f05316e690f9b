// Which models answer (families, retired → 404), GET /v1/models with the SDK's pagination, the
// admin switches for the listing, and every agent scenario played on each family.
import Anthropic, { type APIError } from "@anthropic-ai/sdk";
import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeAnthropicAdmin } from "../admin-client";
import { RETIRED_IDS } from "../models";
import { startFakeAnthropic, type FakeAnthropic } from "../server";
import { LEGACY_MODEL, PRESERVED_MODEL, agentLoop, clientFor, fakeKernel, finalText, type LoopParams } from "./helpers";

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  // The SDK warns on every call naming a deprecated model (claude-opus-4-5, claude-mythos-preview).
  const warn = console.warn.bind(console);
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes("is deprecated and will reach end-of-life")) warn(...args);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await fake.close();
});
beforeEach(() => fake.reset());

const hi = (model: string) =>
  clientFor(fake, { maxRetries: 0 }).messages.create({
    model,
    max_tokens: 50,
    messages: [{ role: "user", content: "hi" }],
  });

async function failure(p: Promise<unknown>): Promise<APIError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Anthropic.APIError);
  return err as APIError;
}

const ACTIVE_NEWEST_FIRST = [
  "claude-fable-5-2",
  "claude-mythos-5-2",
  "claude-opus-5-5",
  "claude-sonnet-5-5",
  "claude-haiku-5-5",
  "claude-fable-5-1",
  "claude-mythos-5-1",
  "claude-opus-5",
  "claude-fable-5",
  "claude-mythos-5",
  "claude-sonnet-5",
  "claude-opus-4-8",
  "claude-opus-4-7",
  "claude-sonnet-4-6",
  "claude-opus-4-6",
  "claude-opus-4-5",
  "claude-haiku-4-5",
];

describe("which models answer", () => {
  it.each(RETIRED_IDS)("retired %s → 404 NotFoundError", async (id) => {
    const err = await failure(hi(id));
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    expect(err.type).toBe("not_found_error");
    expect(err.message).toContain(`model: ${id}`);
  });

  it("an unknown model → 404, also for count_tokens", async () => {
    expect(await failure(hi("claude-nonexistent-9"))).toBeInstanceOf(Anthropic.NotFoundError);
    const count = clientFor(fake, { maxRetries: 0 }).messages.countTokens({
      model: "claude-sonnet-4-5",
      messages: [{ role: "user", content: "x" }],
    });
    expect(await failure(count)).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it.each([...ACTIVE_NEWEST_FIRST, "claude-haiku-4-5-20251001", "claude-opus-4-5-20251101"])(
    "%s answers",
    async (id) => {
      const m = await hi(id);
      expect(m.model).toBe(id);
      const legacy = id.includes("4-5");
      expect(m.content.map((b) => b.type)).toEqual(legacy ? ["text"] : ["thinking", "text"]);
    },
  );
});

describe("GET /v1/models", () => {
  it("auto-paginates with the SDK, newest first, without retired models", async () => {
    const ids: string[] = [];
    for await (const m of clientFor(fake).models.list({ limit: 2 })) ids.push(m.id);
    expect(ids).toEqual(ACTIVE_NEWEST_FIRST);
    const pages = fake.requests().filter((r) => r.path === "/v1/models");
    expect(pages).toHaveLength(Math.ceil(ids.length / 2));
    expect(pages.every((r) => r.status === 200)).toBe(true);
  });

  it("one page: data, has_more, first_id, last_id; then after_id and before_id", async () => {
    const client = clientFor(fake);
    const first = await client.models.list({ limit: 3 });
    expect(first.data.map((m) => m.id)).toEqual(ACTIVE_NEWEST_FIRST.slice(0, 3));
    expect(first).toMatchObject({ has_more: true, first_id: "claude-fable-5-2", last_id: "claude-opus-5-5" });
    const second = await first.getNextPage();
    expect(second.data.map((m) => m.id)).toEqual(ACTIVE_NEWEST_FIRST.slice(3, 6));
    const back = await client.models.list({ limit: 2, before_id: "claude-sonnet-5-5" });
    expect(back.data.map((m) => m.id)).toEqual(["claude-mythos-5-2", "claude-opus-5-5"]);
    expect(back.has_more).toBe(true);
    const all = await client.models.list({ limit: 1000 });
    expect(all.has_more).toBe(false);
    expect(all.data).toHaveLength(ACTIVE_NEWEST_FIRST.length);
    expect(await failure(client.models.list({ limit: 1001 }))).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it("filters by lifecycle (the SDK sends lifecycle[]=…)", async () => {
    const client = clientFor(fake);
    const retired = await client.models.list({ lifecycle: ["retired"] });
    expect(retired.data.map((m) => [m.id, m.lifecycle, m.retires_at])).toEqual([
      ["claude-mythos-preview", "retired", "2026-06-30T00:00:00Z"],
      ["claude-sonnet-4-5", "retired", "2026-11-30T00:00:00Z"],
    ]);
    expect(fake.requests().at(-1)?.headers).toBeDefined();
    const deprecated = await client.models.list({ lifecycle: ["deprecated"] });
    expect(deprecated.data.map((m) => [m.id, m.retires_at])).toEqual([["claude-opus-4-5", "2027-01-22T00:00:00Z"]]);
    const both = await client.models.list({ lifecycle: ["active", "retired"], limit: 100 });
    expect(both.data).toHaveLength(ACTIVE_NEWEST_FIRST.length - 1 + 2);
    // Repeated plain `lifecycle=` works too.
    const res = await fetch(`${fake.url}/v1/models?lifecycle=retired&lifecycle=deprecated`, {
      headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" },
    });
    expect(((await res.json()) as { data: ModelInfo[] }).data).toHaveLength(3);
  });

  it("items have exactly the SDK's ModelInfo shape", async () => {
    const page = await clientFor(fake).models.list({ limit: 1000, lifecycle: ["active", "deprecated", "retired"] });
    for (const m of page.data) {
      expect(Object.keys(m).sort()).toEqual(
        [
          "capabilities",
          "created_at",
          "deprecated_at",
          "display_name",
          "id",
          "lifecycle",
          "line",
          "max_input_tokens",
          "max_tokens",
          "retires_at",
          "type",
        ].sort(),
      );
      expect(m.type).toBe("model");
      expect(m.created_at).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
      expect(Object.keys(m.capabilities!).sort()).toEqual(
        [
          "batch",
          "citations",
          "code_execution",
          "context_management",
          "effort",
          "image_input",
          "pdf_input",
          "server_tools",
          "structured_outputs",
          "thinking",
        ].sort(),
      );
      expect(Object.keys(m.capabilities!.thinking.types).sort()).toEqual([
        "adaptive",
        "between_tools",
        "disabled",
        "enabled",
      ]);
      expect(Object.keys(m.capabilities!.effort).sort()).toEqual([
        "high",
        "low",
        "max",
        "medium",
        "supported",
        "xhigh",
      ]);
    }
  });

  it("retrieve: facts per model, aliases, retired ones, unknown → 404", async () => {
    const client = clientFor(fake);
    const sonnet = await client.models.retrieve(PRESERVED_MODEL);
    expect(sonnet).toMatchObject({
      display_name: "Claude Sonnet 5.5",
      created_at: "2026-09-28T00:00:00Z",
      max_input_tokens: 1_000_000,
      max_tokens: 128_000,
      line: "sonnet",
    });
    expect(sonnet.capabilities?.thinking.types).toEqual({
      adaptive: { supported: true },
      between_tools: { supported: true },
      disabled: { supported: false },
      enabled: { supported: false },
    });
    const haiku55 = await client.models.retrieve("claude-haiku-5-5");
    expect(haiku55.capabilities?.effort).toMatchObject({
      supported: true,
      xhigh: { supported: false },
      max: { supported: true },
    });
    const haiku = await client.models.retrieve("claude-haiku-4-5-20251001");
    expect(haiku).toMatchObject({
      id: "claude-haiku-4-5",
      display_name: "Claude Haiku 4.5",
      max_input_tokens: 200_000,
      max_tokens: 64_000,
    });
    expect(haiku.capabilities?.thinking.types).toMatchObject({
      enabled: { supported: true },
      adaptive: { supported: false },
    });
    expect(haiku.capabilities?.effort.supported).toBe(false);
    expect(await client.models.retrieve("claude-opus-5")).toMatchObject({
      display_name: "Claude Opus 5",
      created_at: "2026-07-24T00:00:00Z",
    });
    expect(await client.models.retrieve("claude-sonnet-4-5")).toMatchObject({ lifecycle: "retired" });
    expect(await failure(client.models.retrieve("claude-nope"))).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it("needs a key, like the messages endpoint", async () => {
    expect(await failure(clientFor(fake, { apiKey: "bad-key" }).models.list())).toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
  });
});

describe("admin: the model listing", () => {
  const custom = { id: "claude-test-9", display_name: "Claude Test 9", fake_family: "adaptive" as const };

  it("POST /__admin/models replaces the listing; the ids answer /v1/messages with their family", async () => {
    const admin = fakeAnthropicAdmin(fake.url);
    await admin.setModels([
      custom,
      { id: "claude-test-legacy", fake_family: "legacy", created_at: "2025-01-01T00:00:00Z" },
    ]);
    const page = await clientFor(fake).models.list();
    expect(page.data.map((m) => m.id)).toEqual(["claude-test-9", "claude-test-legacy"]);
    expect(page.data[0]).not.toHaveProperty("fake_family");
    expect(page.data[0]?.capabilities?.thinking.types.disabled).toEqual({ supported: true });
    expect((await hi("claude-test-9")).content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect((await hi("claude-test-legacy")).content.map((b) => b.type)).toEqual(["text"]);
    expect(fake.requests().at(-1)?.family).toBe("legacy");
    await expect(admin.setModels([{ id: "" }])).rejects.toThrow(/id/);

    await admin.restoreModels();
    expect((await clientFor(fake).models.list({ limit: 1000 })).data).toHaveLength(ACTIVE_NEWEST_FIRST.length);
    expect((await admin.models()).models.length).toBeGreaterThan(ACTIVE_NEWEST_FIRST.length);
  });

  it("models/unavailable makes GET /v1/models answer 500; reset restores everything", async () => {
    const admin = fakeAnthropicAdmin(fake.url);
    await admin.setModelsUnavailable(true);
    await admin.setModels([custom]);
    await admin.setPrefixCheck("off");
    expect(await failure(clientFor(fake, { maxRetries: 0 }).models.list())).toBeInstanceOf(
      Anthropic.InternalServerError,
    );
    expect((await hi(PRESERVED_MODEL)).stop_reason).toBe("end_turn");
    await admin.reset();
    expect(await admin.models()).toMatchObject({ unavailable: false, prefixCheck: "error" });
    expect((await clientFor(fake).models.list({ limit: 1000 })).data.map((m) => m.id)).toEqual(ACTIVE_NEWEST_FIRST);
    expect(await failure(hi("claude-test-9"))).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it("the extraModels option adds models for a whole fake", async () => {
    const own = await startFakeAnthropic({ extraModels: [{ ...custom, created_at: "2027-01-01T00:00:00Z" }] });
    try {
      const page = await clientFor(own).models.list({ limit: 1 });
      expect(page.data[0]?.id).toBe("claude-test-9");
      own.reset();
      expect(
        (
          await clientFor(own).messages.create({
            model: "claude-test-9",
            max_tokens: 5,
            messages: [{ role: "user", content: "hi" }],
          })
        ).stop_reason,
      ).toBe("end_turn");
    } finally {
      await own.close();
    }
  });
});

describe("every agent scenario runs on every family", () => {
  const FAMILIES: [string, LoopParams][] = [
    [PRESERVED_MODEL, {}],
    ["claude-opus-5-5", { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "max" } }],
    ["claude-haiku-5-5", { thinking: { type: "between_tools" } }],
    ["claude-opus-4-7", {}],
    ["claude-sonnet-4-6", { thinking: { type: "disabled" } }],
    [LEGACY_MODEL, {}],
    ["claude-opus-4-5", { max_tokens: 4096, thinking: { type: "enabled", budget_tokens: 1024 } }],
  ];
  const system = [{ type: "text" as const, text: "You are Pylot.", cache_control: { type: "ephemeral" as const } }];
  const prompt = (text: string): MessageParam[] => [{ role: "user", content: text }];

  it.each(FAMILIES)("%s %j", async (model, extra) => {
    const params: LoopParams = { model, system, ...extra };
    const client = clientFor(fake, { maxRetries: 0 });
    const thinks = !(model === LEGACY_MODEL || extra.thinking?.type === "disabled");

    const fix = await agentLoop(client, prompt("6*7? [scenario:code-error-fix]"), fakeKernel, 10, params);
    expect(fix.finals.map((m) => m.stop_reason)).toEqual(["tool_use", "tool_use", "end_turn"]);
    expect(finalText(fix.last)).toBe("The answer is 42");
    expect(fix.finals[0]!.content[0]!.type).toBe(thinks ? "thinking" : "text");

    const png = {
      type: "image" as const,
      source: { type: "base64" as const, media_type: "image/png" as const, data: "iVBORw0KGgo=" },
    };
    const figure = await agentLoop(
      client,
      prompt("[scenario:figure]"),
      () => [{ type: "text", text: "figure shown" }, png],
      10,
      params,
    );
    expect(finalText(figure.last)).toBe("I saw 1 image.");

    const huge = await agentLoop(
      client,
      prompt("[scenario:huge-print]"),
      () => [{ type: "text", text: "y".repeat(99) }],
      10,
      params,
    );
    expect(finalText(huge.last)).toBe("The tool result I received had 99 characters.");

    const steps = await agentLoop(client, prompt("[scenario:step-limit]"), fakeKernel, 3, params);
    expect(steps.finals.every((m) => m.stop_reason === "tool_use")).toBe(true);

    const interleaved = await agentLoop(
      client,
      prompt("[scenario:thinking-interleaved]"),
      () => [{ type: "text", text: "42" }],
      10,
      params,
    );
    expect(finalText(interleaved.last)).toBe("Computed: 42");

    const first = await agentLoop(client, prompt("set x [scenario:follow-up]"), fakeKernel, 10, params);
    const second = await agentLoop(
      client,
      [...first.messages, { role: "user", content: "[follow-up] x + 1?" }],
      fakeKernel,
      10,
      params,
    );
    expect(finalText(second.last)).toBe("history ok; x + 1 printed 42");

    for (const scenario of [
      "echo",
      "notebook-context",
      "slow-stream delay=0 chunks=3",
      "rate-limit-then-ok",
      "max-tokens",
    ]) {
      const m = await clientFor(fake).messages.create({
        max_tokens: 4096,
        messages: prompt(`[scenario:${scenario}]`),
        ...params,
      } as never);
      expect((m as { content: { type: string }[] }).content.some((b) => b.type === "text")).toBe(true);
    }

    const log = fake.requests().filter((r) => r.path === "/v1/messages");
    expect(log.every((r) => r.status === 200 || (r.scenario === "rate-limit-then-ok" && r.status === 429))).toBe(true);
    expect(log.every((r) => r.droppedThinking === 0)).toBe(true);
  });
});
