// The agent's one-statement run start, tool result and step end (functions.sql, run-start.ts,
// tool-result.ts, step-store.ts), driven by the orchestrator's start and result (lib/agent/
// run-service.ts) against the real test database: what they write, exact cost, stale snapshots,
// unknown or foreign runs, and races between two starts or two step ends.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { textOf, type Block } from "@/lib/agent/conversation";
import { DEFAULT_LIMITS } from "@/lib/agent/limits";
import type { ModelClient, ModelRequest, RawMessageStreamEvent } from "@/lib/agent/model-client";
import { costOf, ZERO_USAGE } from "@/lib/agent/pricing";
import { CURRENT_PROMPT_VERSION } from "@/lib/agent/prompts/registry";
import { createRun, recordResult } from "@/lib/agent/run-service";
import { AppError } from "@/lib/http/app-error";
import { db, getPool } from "../../client";
import { pgRunStore } from "../pg-run-store";
import { ownedStepStore } from "../step-store";

const text = (t: string): Block[] => [{ type: "text", text: t }];

async function newNotebook(ownerId = randomUUID()): Promise<{ ownerId: string; notebookId: string }> {
  const nb = await db.notebook.create({ data: { ownerId, title: "sql" }, select: { id: true } });
  return { ownerId, notebookId: nb.id };
}

/** A model whose calls never answer: records each request and the signal that would end it. */
class HeldModel implements ModelClient {
  readonly maxRetries = 0;
  calls: { request: ModelRequest; signal: AbortSignal }[] = [];
  constructor(private onCall?: (n: number) => void) {}
  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<RawMessageStreamEvent> {
    this.calls.push({ request, signal });
    this.onCall?.(this.calls.length);
    await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    throw new Error("aborted");
  }
}

const limits = (runsPerMinute = 1000) => ({ ...DEFAULT_LIMITS, maxSteps: 20, runsPerMinute });

interface StartOver {
  mode?: "auto" | "approve";
  runsPerMinute?: number;
  model?: string;
  promptVersion?: string | null;
  early?: HeldModel;
}

function createRunFor(ownerId: string, notebookId: string, over: StartOver = {}) {
  return createRun(
    pgRunStore(ownerId),
    notebookId,
    { prompt: "hello", mode: over.mode ?? "auto" },
    over.early ?? new HeldModel(),
    limits(over.runsPerMinute),
    {
      settings: {
        model: over.model ?? "claude-sonnet-5-5",
        effort: null,
        promptVersion: over.promptVersion === undefined ? CURRENT_PROMPT_VERSION : over.promptVersion,
      },
    },
  );
}

function addObservation(ownerId: string, runId: string, toolUseId: string) {
  return recordResult(
    pgRunStore(ownerId),
    runId,
    { toolUseId, cellId: randomUUID(), code: "", outputs: [], status: "ok" },
    [],
    new HeldModel(),
    limits(),
    [],
  );
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("agent SQL: run start", () => {
  it("writes the run, its first turn and the settings, with UTC times", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const before = Date.now();
    const { run, turns } = await createRunFor(ownerId, notebookId, { mode: "approve" });
    expect(run).toMatchObject({
      notebookId,
      status: "running",
      model: "claude-sonnet-5-5",
      mode: "approve",
      stepCount: 0,
      maxSteps: 20,
      costUsd: 0,
      error: null,
      finishedAt: null,
    });
    expect(Math.abs(run.createdAt.getTime() - before)).toBeLessThan(5_000);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ runId: run.id, role: "user", position: 0 });
    expect(textOf(turns[0]!.content)).toContain("hello");
    // What Prisma reads back is what the function wrote.
    const row = await db.agentRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.createdAt.getTime()).toBe(run.createdAt.getTime());
    const nb = await db.notebook.findUniqueOrThrow({ where: { id: notebookId } });
    expect(nb.settings).toEqual({ model: "claude-sonnet-5-5", mode: "approve", promptVersion: CURRENT_PROMPT_VERSION });
  });

  it("reads again when the conversation changed after it was read", async () => {
    const { ownerId, notebookId } = await newNotebook();
    // Another writer holds the notebook and appends a turn while the run start is between its
    // read and its write; the write waits for it, sees the conversation moved on, and reads again.
    const other = await getPool().connect();
    const sneaked = randomUUID();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT id FROM "Notebook" WHERE id = $1 FOR UPDATE`, [notebookId]);
      // The first model call is sent while the first attempt's write waits on the lock.
      const early = new HeldModel((n) => {
        if (n === 1) {
          setTimeout(() => {
            void other
              .query(
                `INSERT INTO "Message" (id, "notebookId", role, content, position) VALUES ($1, $2, 'user', '[]', 0)`,
                [sneaked, notebookId],
              )
              .then(() => other.query("COMMIT"));
          }, 50);
        }
      });
      const { turns } = await createRunFor(ownerId, notebookId, { early });
      expect(early.calls).toHaveLength(2);
      expect(turns.map((t) => t.id)).toEqual([sneaked, expect.any(String)]);
      expect(turns.map((t) => t.position)).toEqual([0, 1]);
    } finally {
      other.release();
    }
  });

  it("answers 404 for an unknown or foreign notebook and writes nothing", async () => {
    const { notebookId } = await newNotebook();
    expect((await appError(createRunFor(randomUUID(), notebookId))).code).toBe("not_found");
    expect((await appError(createRunFor(randomUUID(), randomUUID()))).code).toBe("not_found");
    expect(await db.agentRun.count({ where: { notebookId } })).toBe(0);
  });

  it("of concurrent starts on one notebook exactly one wins; the others get run_active", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => createRunFor(ownerId, notebookId)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "run_active" });
    }
    expect(await db.message.count({ where: { notebookId } })).toBe(1);
  });

  it("a first model call sent early for a start that loses a race is aborted; the winner's is not", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const early = new HeldModel();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => createRunFor(ownerId, notebookId, { early })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    // Every start that read "no active run" began early; only the winner's went on.
    expect(early.calls.length).toBeGreaterThanOrEqual(1);
    expect(early.calls.filter((c) => !c.signal.aborted)).toHaveLength(1);
    expect(early.calls[0]!.request).toMatchObject({ model: "claude-sonnet-5-5", messages: [{ role: "user" }] });
    // Once a run is active, a start reads so and does not begin early at all.
    const before = early.calls.length;
    expect((await appError(createRunFor(ownerId, notebookId, { early }))).code).toBe("run_active");
    expect(early.calls.length).toBe(before);
  });

  it("a start retried after a stale read goes on with the model call of the attempt that wrote the run", async () => {
    const { ownerId, notebookId } = await newNotebook();
    // Hold the notebook row, so the first attempt's write waits; meanwhile the conversation changes.
    const holder = await getPool().connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Notebook" WHERE id = $1 FOR UPDATE`, [notebookId]);
      const early = new HeldModel();
      const started = createRunFor(ownerId, notebookId, { early });
      await expect.poll(() => early.calls.length).toBe(1);
      await holder.query(
        `INSERT INTO "Message" (id, "notebookId", role, content, position, "createdAt") VALUES (gen_random_uuid(), $1, 'user', '[{"type":"text","text":"meanwhile"}]', 0, now())`,
        [notebookId],
      );
      await holder.query("COMMIT");
      const { turns, call: kept } = await started;
      expect(early.calls).toHaveLength(2);
      expect(early.calls[0]!.signal.reason).toBe("run not started");
      expect(early.calls[1]!.signal.aborted).toBe(false);
      expect(kept?.controller.signal).toBe(early.calls[1]!.signal);
      expect(turns[0]!.content).toEqual(text("meanwhile"));
      expect(textOf(turns[1]!.content)).toContain("hello");
      kept?.abort("done");
    } finally {
      holder.release();
    }
  });

  it("does not begin early once the rate limit is reached", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const early = new HeldModel();
    const { run, call } = await createRunFor(ownerId, notebookId, { early, runsPerMinute: 1 });
    call?.abort("done");
    expect(early.calls).toHaveLength(1);
    await db.agentRun.update({ where: { id: run.id }, data: { status: "completed" } });
    expect((await appError(createRunFor(ownerId, notebookId, { early, runsPerMinute: 1 }))).code).toBe("rate_limited");
    expect(early.calls).toHaveLength(1);
  });

  it("counts the owner's runs across notebooks for the rate limit, also when started at once", async () => {
    const ownerId = randomUUID();
    const notebooks = await Promise.all(Array.from({ length: 5 }, () => newNotebook(ownerId)));
    const results = await Promise.allSettled(
      notebooks.map((n) => createRunFor(ownerId, n.notebookId, { runsPerMinute: 3 })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toMatchObject({ code: "rate_limited" });
        expect((r.reason as AppError).details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
      }
    }
  });
});

describe("agent SQL: end of a step", () => {
  it("appends the answer, counts tokens and prices the totals exactly", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const { run, turns } = await createRunFor(ownerId, notebookId);
    const store = ownedStepStore(ownerId);
    const usage = { inputTokens: 1234, outputTokens: 567, cacheReadTokens: 89, cacheWriteTokens: 10 };
    const first = await store.endStep(run.id, {
      usage,
      costUsd: costOf(run.model, usage),
      afterMessageId: turns[0]!.id,
      assistant: text("hi"),
      status: "running",
      error: null,
    });
    expect(first.persisted).toBe(true);
    expect(first.run).toMatchObject({ stepCount: 1, usage, status: "running", finishedAt: null });
    expect(first.run.costUsd).toBe(Number(costOf("claude-sonnet-5-5", usage).toFixed(6)));
    const messages = await store.messages(notebookId);
    expect(messages.map((m) => [m.role, m.position])).toEqual([
      ["user", 0],
      ["assistant", 1],
    ]);

    // A discarded step (the conversation moved on) still counts its tokens, and changes nothing else.
    const second = await store.endStep(run.id, {
      usage,
      costUsd: costOf(run.model, usage),
      afterMessageId: turns[0]!.id,
      assistant: text("late"),
      status: "completed",
      error: null,
    });
    expect(second.persisted).toBe(false);
    expect(second.run).toMatchObject({
      stepCount: 2,
      status: "running",
      usage: { inputTokens: 2468, outputTokens: 1134, cacheReadTokens: 178, cacheWriteTokens: 20 },
    });
    // Each call is priced on its own and added: two identical calls cost twice one.
    expect(second.run.costUsd).toBe(Number((2 * costOf("claude-sonnet-5-5", usage)).toFixed(6)));
    expect(await db.message.count({ where: { notebookId } })).toBe(2);
  });

  it("an unknown model is priced as the most expensive one, never as free", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const { run, turns } = await createRunFor(ownerId, notebookId, { model: "claude-unknown-9", promptVersion: null });
    const usage = { ...ZERO_USAGE, outputTokens: 1_000_000 };
    const { run: after } = await ownedStepStore(ownerId).endStep(run.id, {
      usage,
      costUsd: costOf(run.model, usage),
      afterMessageId: turns[0]!.id,
      assistant: null,
      status: "completed",
      error: null,
    });
    expect(after.costUsd).toBe(costOf("claude-unknown-9", usage));
    expect(after.costUsd).toBeGreaterThan(0);
    expect(after).toMatchObject({ status: "completed", finishedAt: expect.any(Date) });
  });

  it("answers 404 for an unknown run and for another owner's run, and writes nothing", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const { run, turns } = await createRunFor(ownerId, notebookId);
    const end = {
      usage: ZERO_USAGE,
      costUsd: 0,
      afterMessageId: turns[0]!.id,
      assistant: text("x"),
      status: "completed" as const,
      error: null,
    };
    expect((await appError(ownedStepStore(ownerId).endStep(randomUUID(), end))).code).toBe("not_found");
    expect((await appError(ownedStepStore(randomUUID()).endStep(run.id, end))).code).toBe("not_found");
    expect(await ownedStepStore(randomUUID()).runStatus(run.id)).toBeNull();
    expect(await db.agentRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      stepCount: 0,
      status: "running",
    });
  });

  it("of two concurrent ends of the same step exactly one is persisted", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const { run, turns } = await createRunFor(ownerId, notebookId);
    const store = ownedStepStore(ownerId);
    const end = (t: string) =>
      store.endStep(run.id, {
        usage: { ...ZERO_USAGE, outputTokens: 1 },
        costUsd: costOf(run.model, { ...ZERO_USAGE, outputTokens: 1 }),
        afterMessageId: turns[0]!.id,
        assistant: text(t),
        status: "completed",
        error: null,
      });
    const [a, b] = await Promise.all([end("a"), end("b")]);
    expect([a.persisted, b.persisted].sort()).toEqual([false, true]);
    const messages = await store.messages(notebookId);
    expect(messages).toHaveLength(2);
    expect((await db.agentRun.findUniqueOrThrow({ where: { id: run.id } })).stepCount).toBe(2);
  });
});

describe("agent SQL: agent cells", () => {
  it("appends cells at distinct positions even when created at once, bumping the revision; 404 for another owner", async () => {
    const { ownerId, notebookId } = await newNotebook();
    const { run } = await createRunFor(ownerId, notebookId);
    const store = ownedStepStore(ownerId);
    const before = (await db.notebook.findUniqueOrThrow({ where: { id: notebookId } })).revision;
    const cells = await Promise.all(Array.from({ length: 5 }, (_, i) => store.createAgentCell(run, `toolu_${i}`)));
    expect(cells.map((c) => c.index).sort()).toEqual([0, 1, 2, 3, 4]);
    const rows = await db.cell.findMany({ where: { notebookId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.author, r.kind, r.source, r.agentRunId, r.version])).toEqual(
      Array.from({ length: 5 }, () => ["agent", "code", "", run.id, 1]),
    );
    expect(new Set(rows.map((r) => r.toolUseId))).toEqual(
      new Set(["toolu_0", "toolu_1", "toolu_2", "toolu_3", "toolu_4"]),
    );
    expect((await db.notebook.findUniqueOrThrow({ where: { id: notebookId } })).revision).toBe(before + 5);
    expect((await appError(ownedStepStore(randomUUID()).createAgentCell(run, "toolu_x"))).code).toBe("not_found");
    expect(await db.cell.count({ where: { notebookId } })).toBe(5);
  });
});

describe("agent SQL: batched status reads", () => {
  it("answers each read for its own owner only, in one batch, malformed ids included", async () => {
    const a = await newNotebook();
    const b = await newNotebook();
    const runA = (await createRunFor(a.ownerId, a.notebookId)).run;
    const runB = (await createRunFor(b.ownerId, b.notebookId)).run;
    await ownedStepStore(b.ownerId).finishRun(runB.id, "stopped", null);
    const reads = await Promise.all([
      ownedStepStore(a.ownerId).runStatus(runA.id),
      ownedStepStore(b.ownerId).runStatus(runB.id),
      ownedStepStore(a.ownerId).runStatus(runB.id),
      ownedStepStore(b.ownerId).runStatus(runA.id),
      ownedStepStore(a.ownerId).runStatus(randomUUID()),
      ownedStepStore(a.ownerId).runStatus("not-a-uuid"),
    ]);
    expect(reads).toEqual(["running", "stopped", null, null, null, null]);
  });
});

describe("agent SQL: a cell's result", () => {
  async function runWaitingForCells(ids: string[]) {
    const { ownerId, notebookId } = await newNotebook();
    const { run, turns } = await createRunFor(ownerId, notebookId);
    const uses: Block[] = ids.map((id) => ({
      type: "tool_use",
      id,
      name: "run_python",
      input: { code: `print("${id}")` },
    }));
    await ownedStepStore(ownerId).endStep(run.id, {
      usage: ZERO_USAGE,
      costUsd: 0,
      afterMessageId: turns[0]!.id,
      assistant: uses,
      status: "running",
      error: null,
    });
    return { ownerId, notebookId, runId: run.id };
  }

  it("records results into one user turn, returns the conversation as written, and refuses a second result for the same call", async () => {
    const { ownerId, notebookId, runId } = await runWaitingForCells(["toolu_a", "toolu_b"]);
    const first = await addObservation(ownerId, runId, "toolu_a");
    expect(first.remaining).toBe(1);
    // Two results for the same call at once: one is recorded, the other is told it is not pending.
    const both = await Promise.allSettled([
      addObservation(ownerId, runId, "toolu_b"),
      addObservation(ownerId, runId, "toolu_b"),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict", details: { reason: "not_pending" } });
    const won = (
      both.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof addObservation>>>
    ).value;
    expect(won.remaining).toBe(0);
    won.call?.abort("done");
    const stored = await ownedStepStore(ownerId).messages(notebookId);
    expect(won.turns).toEqual(stored);
    expect(stored.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(stored[2]!.content.map((b) => (b as { tool_use_id?: string }).tool_use_id)).toEqual(["toolu_a", "toolu_b"]);
  });

  it("answers 404 for an unknown or foreign run and 409 for a run that is not waiting", async () => {
    const { ownerId, runId } = await runWaitingForCells(["toolu_c"]);
    expect((await appError(addObservation(randomUUID(), runId, "toolu_c"))).code).toBe("not_found");
    expect((await appError(addObservation(ownerId, randomUUID(), "toolu_c"))).code).toBe("not_found");
    expect((await appError(addObservation(ownerId, runId, "toolu_zzz"))).details).toMatchObject({
      reason: "not_pending",
    });
    await ownedStepStore(ownerId).finishRun(runId, "stopped", null);
    expect((await appError(addObservation(ownerId, runId, "toolu_c"))).details).toMatchObject({
      reason: "run_not_active",
      runStatus: "stopped",
    });
  });
});
