// The run store's contract (lib/agent/run-store.ts), one suite for every adapter: the memory store
// runs it as a unit test (run-store-memory.test.ts), the PostgreSQL one against the real test
// database (lib/db/agent/__tests__/run-store-pg.integration.test.ts). The eval's numbers only mean
// something if both keep the same rules.
import { describe, expect, it } from "vitest";
import type { Block, ToolUseBlock } from "../conversation";
import { pendingToolUses, textResult } from "../conversation";
import { CURRENT_PROMPT_VERSION } from "../prompts/registry";
import type { NewRun, RunStore, StartSnapshot } from "../run-store";

export interface ContractFixture {
  store: RunStore;
  notebookId: string;
  /** A notebook id that exists for someone else, or not at all. */
  foreignNotebookId: string;
  /** A well-formed run id that is not this store's. */
  unknownRunId: string;
}

const text = (t: string): Block[] => [{ type: "text", text: t }];
const use = (id: string, code = `print("${id}")`): ToolUseBlock => ({
  type: "tool_use",
  id,
  name: "run_python",
  input: { code },
});
const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 1, cacheWriteTokens: 0 };

function newRun(snapshot: StartSnapshot, over: Partial<NewRun> = {}): NewRun {
  return {
    prompt: "hello",
    mode: "auto",
    model: "claude-sonnet-5-5",
    effort: null,
    promptVersion: CURRENT_PROMPT_VERSION,
    maxSteps: 20,
    runsPerMinute: 1000,
    snapshot,
    content: text("hello"),
    ...over,
  };
}

async function started(f: ContractFixture, over: Partial<NewRun> = {}) {
  const snap = (await f.store.readStart(f.notebookId, 1000))!;
  const answer = await f.store.startRun(f.notebookId, newRun(snap, over));
  if (answer.error) throw new Error(`start refused: ${answer.error}`);
  return answer;
}

/** A run whose model answered with tool calls, waiting for their results. */
async function waiting(f: ContractFixture, ids: string[], mode: "auto" | "approve" = "auto") {
  const { run, message } = await started(f, { mode });
  const end = await f.store.endStep(run.id, {
    usage,
    costUsd: 0.001,
    afterMessageId: message.id,
    assistant: ids.map((id) => use(id)),
    status: mode === "approve" ? "awaiting_approval" : "running",
    error: null,
  });
  return end.run;
}

export function runStoreContract(name: string, fixture: () => Promise<ContractFixture>): void {
  describe(`run store contract: ${name}`, () => {
    it("reads a start snapshot of its own notebook only", async () => {
      const f = await fixture();
      expect(await f.store.readStart(f.foreignNotebookId, 1000)).toBeNull();
      const snap = await f.store.readStart(f.notebookId, 1000);
      expect(snap).toMatchObject({ messages: [], previousRequestAt: null, mayStart: true });
    });

    it("starts a run with its first turn and saves the chosen settings in the notebook", async () => {
      const f = await fixture();
      const { run, message } = await started(f, { mode: "approve", maxSteps: 7 });
      expect(run).toMatchObject({
        notebookId: f.notebookId,
        status: "running",
        model: "claude-sonnet-5-5",
        mode: "approve",
        effort: null,
        promptVersion: CURRENT_PROMPT_VERSION,
        stepCount: 0,
        maxSteps: 7,
        costUsd: 0,
        error: null,
        finishedAt: null,
      });
      expect(message).toMatchObject({ runId: run.id, role: "user", content: text("hello"), position: 0 });
      const snap = (await f.store.readStart(f.notebookId, 1000))!;
      expect(snap.settings).toMatchObject({ model: "claude-sonnet-5-5", mode: "approve" });
      expect(snap.messages.map((m) => m.id)).toEqual([message.id]);
      expect(snap.previousRequestAt?.getTime()).toBe(run.createdAt.getTime());
      expect(snap.mayStart).toBe(false);
      expect(await f.store.history(f.foreignNotebookId)).toBeNull();
      const history = (await f.store.history(f.notebookId))!;
      expect(history.runs.map((r) => r.id)).toEqual([run.id]);
      expect(history.messages.map((m) => m.content)).toEqual([text("hello")]);
    });

    it("refuses a start while a run is active, from a stale snapshot, over the rate limit, or for another notebook", async () => {
      const f = await fixture();
      const before = (await f.store.readStart(f.notebookId, 1000))!;
      const { run } = await started(f);
      const fresh = (await f.store.readStart(f.notebookId, 1000))!;
      expect(await f.store.startRun(f.notebookId, newRun(fresh))).toEqual({ error: "run_active", runId: run.id });
      await f.store.finishRun(run.id, "completed", null);
      // The conversation (and the settings) moved on since `before` was read.
      expect(await f.store.startRun(f.notebookId, newRun(before))).toEqual({ error: "stale" });
      const now = (await f.store.readStart(f.notebookId, 1))!;
      expect(now.mayStart).toBe(false);
      const limited = await f.store.startRun(f.notebookId, newRun(now, { runsPerMinute: 1 }));
      expect(limited).toMatchObject({ error: "rate_limited" });
      const wait = (limited as { retryAfterMs: number }).retryAfterMs;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60_000);
      expect(await f.store.startRun(f.foreignNotebookId, newRun(now))).toEqual({ error: "not_found" });
    });

    it("a new start ends an interrupted run", async () => {
      const f = await fixture();
      const { run, message } = await started(f);
      await f.store.endStep(run.id, {
        usage,
        costUsd: 0,
        afterMessageId: message.id,
        assistant: null,
        status: "interrupted",
        error: null,
      });
      expect(await f.store.runStatus(run.id)).toBe("interrupted");
      await started(f);
      expect(await f.store.getRun(run.id)).toMatchObject({ status: "stopped", finishedAt: expect.any(Date) });
    });

    it("ends a step only while the run is running and the conversation ends where the step began", async () => {
      const f = await fixture();
      const { run, message } = await started(f);
      const first = await f.store.endStep(run.id, {
        usage,
        costUsd: 0.25,
        afterMessageId: message.id,
        assistant: text("hi"),
        status: "completed",
        error: null,
      });
      expect(first.persisted).toBe(true);
      expect(first.run).toMatchObject({ status: "completed", stepCount: 1, usage, costUsd: 0.25 });
      expect(first.run.finishedAt).toBeInstanceOf(Date);
      // Late: counted, not kept.
      const late = await f.store.endStep(run.id, {
        usage,
        costUsd: 0.25,
        afterMessageId: message.id,
        assistant: text("late"),
        status: "running",
        error: null,
      });
      expect(late.persisted).toBe(false);
      expect(late.run).toMatchObject({ status: "completed", stepCount: 2, costUsd: 0.5 });
      expect((await f.store.messages(f.notebookId)).map((m) => [m.role, m.content])).toEqual([
        ["user", text("hello")],
        ["assistant", text("hi")],
      ]);
    });

    it("creates agent cells at the end of the notebook and keeps their code", async () => {
      const f = await fixture();
      const { run } = await started(f);
      const a = await f.store.createAgentCell(run, "toolu_a");
      const b = await f.store.createAgentCell(run, "toolu_b");
      expect([a.index, b.index]).toEqual([0, 1]);
      await f.store.setAgentCellCode(a.cellId, "print(1)");
      await f.store.endStep(run.id, {
        usage,
        costUsd: 0,
        afterMessageId: (await f.store.messages(f.notebookId)).at(-1)!.id,
        assistant: [use("toolu_a", "print(1)")],
        status: "running",
        error: null,
      });
      await f.store.endStep(run.id, {
        usage,
        costUsd: 0,
        afterMessageId: "00000000-0000-4000-8000-000000000000",
        assistant: null,
        status: "interrupted",
        error: null,
      });
      // The cell as it is now is what a resume offers again.
      const plan = await f.store.prepareResume(run.id);
      expect(plan).toMatchObject({
        kind: "tool_calls",
        calls: [{ toolUseId: "toolu_a", cellId: a.cellId, index: 0, code: "print(1)", recreated: false }],
      });
    });

    it("records tool results into one user turn, resuming the run with the last one", async () => {
      const f = await fixture();
      const run = await waiting(f, ["toolu_a", "toolu_b"], "approve");
      expect(run.status).toBe("awaiting_approval");
      const s1 = (await f.store.readObserve(run.id))!;
      expect(pendingToolUses(s1.messages).map((u) => u.id)).toEqual(["toolu_a", "toolu_b"]);
      const a = textResult("toolu_a", "A", false);
      const w1 = await f.store.writeToolResult(run.id, s1, { afterIndex: -1, content: [a], resume: false });
      expect(w1).toMatchObject({ run: { status: "awaiting_approval" }, message: { role: "user", content: [a] } });
      // A write from the old snapshot is refused: the conversation changed since.
      expect(await f.store.writeToolResult(run.id, s1, { afterIndex: -1, content: [a], resume: false })).toEqual({
        error: "stale",
      });
      const s2 = (await f.store.readObserve(run.id))!;
      const b = textResult("toolu_b", "B", false);
      const w2 = await f.store.writeToolResult(run.id, s2, { afterIndex: 2, content: [a, b], resume: true });
      expect(w2).toMatchObject({ run: { status: "running" }, message: { id: s2.messages[2]!.id, content: [a, b] } });
      const messages = await f.store.messages(f.notebookId);
      expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
      expect(pendingToolUses(messages)).toEqual([]);
      expect(await f.store.readObserve(f.unknownRunId)).toBeNull();
    });

    it("appends the step driver's tool results after the last assistant turn, results first", async () => {
      const f = await fixture();
      const run = await waiting(f, ["toolu_a"]);
      await f.store.appendToolResults(run.id, [textResult("toolu_a", "bad input", true)]);
      const messages = await f.store.messages(f.notebookId);
      expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
      expect(messages[2]!.content).toEqual([textResult("toolu_a", "bad input", true)]);
    });

    it("stops a run once, answering its open tool calls", async () => {
      const f = await fixture();
      const run = await waiting(f, ["toolu_a"]);
      const stopped = {
        type: "tool_result" as const,
        content: [{ type: "text" as const, text: "stopped" }],
        is_error: true,
      };
      const after = await f.store.stopRun(run.id, stopped);
      expect(after).toMatchObject({ status: "stopped", error: null, finishedAt: expect.any(Date) });
      const messages = await f.store.messages(f.notebookId);
      expect(messages.at(-1)!.content).toEqual([{ ...stopped, tool_use_id: "toolu_a" }]);
      expect(await f.store.stopRun(run.id, stopped)).toMatchObject({ status: "stopped" });
      expect(await f.store.messages(f.notebookId)).toHaveLength(messages.length);
      expect(await f.store.prepareResume(run.id)).toMatchObject({ kind: "finished", run: { status: "stopped" } });
      await expect(f.store.stopRun(f.unknownRunId, stopped)).rejects.toMatchObject({ code: "not_found" });
    });

    it("plans a resume: the next step, the open calls (recreating a deleted cell), or the end", async () => {
      const f = await fixture();
      const { run, message } = await started(f);
      await f.store.endStep(run.id, {
        usage,
        costUsd: 0,
        afterMessageId: message.id,
        assistant: null,
        status: "interrupted",
        error: null,
      });
      expect(await f.store.prepareResume(run.id)).toMatchObject({ kind: "step", run: { status: "running" } });
      await f.store.endStep(run.id, {
        usage,
        costUsd: 0,
        afterMessageId: message.id,
        assistant: [use("toolu_x", "x = 1")],
        status: "running",
        error: null,
      });
      const plan = await f.store.prepareResume(run.id);
      expect(plan).toMatchObject({
        kind: "tool_calls",
        run: { status: "running" },
        calls: [{ toolUseId: "toolu_x", code: "x = 1", recreated: true }],
      });
      const results = await f.store.readObserve(run.id);
      await f.store.writeToolResult(run.id, results!, {
        afterIndex: -1,
        content: [textResult("toolu_x", "ok", false)],
        resume: true,
      });
      const last = (await f.store.messages(f.notebookId)).at(-1)!;
      await f.store.endStep(run.id, {
        usage,
        costUsd: 0,
        afterMessageId: last.id,
        assistant: text("done"),
        status: "running",
        error: null,
      });
      expect(await f.store.prepareResume(run.id)).toMatchObject({
        kind: "ended",
        finalText: "done",
        run: { status: "completed" },
      });
    });

    it("refuses to resume a finished run, also once a newer one started", async () => {
      const f = await fixture();
      const { run: old, message } = await started(f);
      await f.store.endStep(old.id, {
        usage,
        costUsd: 0,
        afterMessageId: message.id,
        assistant: text("answer"),
        status: "running",
        error: null,
      });
      await f.store.finishRun(old.id, "completed", null);
      const { run: latest } = await started(f);
      expect(await f.store.prepareResume(old.id)).toMatchObject({ kind: "finished" });
      expect((await f.store.prepareResume(latest.id)).kind).toBe("step");
    });

    it("knows nothing of an unknown run", async () => {
      const f = await fixture();
      expect(await f.store.getRun(f.unknownRunId)).toBeNull();
      expect(await f.store.runStatus(f.unknownRunId)).toBeNull();
      await expect(f.store.finishRun(f.unknownRunId, "stopped", null)).rejects.toMatchObject({ code: "not_found" });
      await expect(f.store.prepareResume(f.unknownRunId)).rejects.toMatchObject({ code: "not_found" });
      await expect(
        f.store.endStep(f.unknownRunId, {
          usage,
          costUsd: 0,
          afterMessageId: f.unknownRunId,
          assistant: null,
          status: "completed",
          error: null,
        }),
      ).rejects.toMatchObject({ code: "not_found" });
    });

    it("finishes a run once", async () => {
      const f = await fixture();
      const { run } = await started(f);
      const done = await f.store.finishRun(run.id, "failed", "boom");
      expect(done).toMatchObject({ status: "failed", error: "boom" });
      expect(await f.store.finishRun(run.id, "completed", null)).toMatchObject({ status: "failed", error: "boom" });
    });
  });
}
