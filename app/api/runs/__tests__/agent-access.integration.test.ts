// Who may call the agent routes and with what: ownership, bodies, one active run, rate, key.
import { beforeAll, describe, expect, it } from "vitest";
import type { FakeAnthropic } from "@/e2e/fake-anthropic/server";
import { decodeEvents, type AgentEvent } from "@/lib/agent/events";
import {
  createNotebook,
  history,
  listRequest,
  newOwner,
  nonce,
  observeRequest,
  requestsWith,
  resumeRequest,
  runEndOf,
  runOf,
  useFakeAnthropic,
  startRun,
  startRunRequest,
  stopRequest,
  withEnv,
} from "./agent-harness";

let fake: FakeAnthropic;
const fakeServer = useFakeAnthropic();
beforeAll(() => {
  fake = fakeServer();
});

type ErrorReply = { status: number; code: string; message: string } & Record<string, unknown>;

async function errorOf(res: Response): Promise<ErrorReply> {
  const { error } = (await res.json()) as { error: { code: string; message: string } & Record<string, unknown> };
  return { ...error, status: res.status };
}

async function pendingRun(cookie: string) {
  const nb = await createNotebook(cookie);
  const events = await startRun(cookie, nb.id, `[scenario:code-error-fix] ${nonce()}`);
  const call = events.find((e) => e.type === "tool_call") as Extract<AgentEvent, { type: "tool_call" }>;
  return { nb, runId: runOf(events).id, call };
}

describe("agent routes: access", () => {
  it("another owner gets 404 from every route, and nothing changes", async () => {
    const owner = newOwner();
    const stranger = newOwner();
    const { nb, runId, call } = await pendingRun(owner.cookie);
    const observation = { toolUseId: call.toolUseId, cellId: call.cellId, code: call.code, outputs: [], status: "ok" };
    const calls = [
      () => startRunRequest(stranger.cookie, nb.id, { prompt: "hi", mode: "auto" }),
      () => listRequest(stranger.cookie, nb.id),
      () => observeRequest(stranger.cookie, runId, observation),
      () => stopRequest(stranger.cookie, runId),
      () => resumeRequest(stranger.cookie, runId),
    ];
    for (const call of calls) {
      const err = await errorOf(await call());
      expect(err).toMatchObject({ status: 404, code: "not_found" });
    }
    const anon = await listRequest("", nb.id);
    expect(anon.status).toBe(401);
    const h = await history(owner.cookie, nb.id);
    expect(h.runs.map((r) => r.status)).toEqual(["running"]);
    expect(h.messages).toHaveLength(2);
  });

  it("bad bodies and ids get 400/404 with a message", async () => {
    const { cookie } = newOwner();
    const { nb, runId, call } = await pendingRun(cookie);
    const start = (body: unknown) => startRunRequest(cookie, nb.id, body);
    const good = { toolUseId: call.toolUseId, cellId: call.cellId, code: call.code, outputs: [], status: "ok" };
    const cases: [Promise<Response>, number, RegExp][] = [
      [start({ prompt: "", mode: "auto" }), 400, /prompt.*empty/],
      [start({ prompt: "   \n", mode: "auto" }), 400, /prompt.*empty/],
      [start({ prompt: "x".repeat(20_001), mode: "auto" }), 400, /20,000/],
      [start({ prompt: "hi" }), 400, /mode/],
      [start({ prompt: "hi", mode: "yolo" }), 400, /mode/],
      [start({ prompt: "hi", mode: "auto", model: "gpt-5" }), 400, /Unknown model/],
      [start({ prompt: "hi", mode: "auto", admin: true }), 400, /Invalid request/],
      [startRunRequest(cookie, "not-a-uuid", { prompt: "hi", mode: "auto" }), 404, /No such notebook/],
      [observeRequest(cookie, runId, { ...good, status: "done" }), 400, /status/],
      [observeRequest(cookie, runId, { ...good, outputs: [{ output_type: "nope" }] }), 400, /outputs/],
      [observeRequest(cookie, runId, { ...good, cellId: "x" }), 400, /cellId/],
      [observeRequest(cookie, runId, { ...good, toolUseId: undefined }), 400, /toolUseId/],
      [observeRequest(cookie, "not-a-uuid", good), 404, /No such agent run/],
      [stopRequest(cookie, "00000000-0000-4000-8000-000000000000"), 404, /No such agent run/],
    ];
    for (const [promise, status, message] of cases) {
      const err = await errorOf(await promise);
      expect({ status: err.status, message: err.message }).toMatchObject({
        status,
        message: expect.stringMatching(message),
      });
    }
  });

  it("observations must answer the pending call of an active run (409 otherwise)", async () => {
    const { cookie } = newOwner();
    const { runId, call } = await pendingRun(cookie);
    const body = { toolUseId: "toolu_01WRONG", cellId: call.cellId, code: call.code, outputs: [], status: "ok" };
    const wrong = await errorOf(await observeRequest(cookie, runId, body));
    expect(wrong).toMatchObject({ status: 409, code: "conflict" });
    expect(wrong.message).toContain(`waiting for the result of tool call ${call.toolUseId}, not toolu_01WRONG`);
    await stopRequest(cookie, runId);
    const late = await errorOf(await observeRequest(cookie, runId, { ...body, toolUseId: call.toolUseId }));
    expect(late).toMatchObject({ status: 409 });
    expect(late.message).toBe("This run is stopped, so it is not waiting for a cell's result.");
  });

  it("a second run while one is active is refused with run_active and the active run's id", async () => {
    const { cookie } = newOwner();
    const { nb, runId } = await pendingRun(cookie);
    const again = `again ${nonce()}`;
    const err = await errorOf(await startRunRequest(cookie, nb.id, { prompt: again, mode: "auto" }));
    expect(err).toMatchObject({ status: 409, code: "run_active", runId });
    expect(err.message).toMatch(/already has an agent run in progress/);
    // The first model call may start before the run is written, but never for a refused start.
    expect(requestsWith(fake, again)).toEqual([]);
    // Once it is stopped, a new run may start.
    await stopRequest(cookie, runId);
    expect(runEndOf(await startRun(cookie, nb.id, `[scenario:echo] ${nonce()}`)).run.status).toBe("completed");
  });

  it("the per-owner run rate is enforced (429) and counted per owner", async () => {
    await withEnv({ PYLOT_AGENT_RUNS_PER_MINUTE: "2" }, async () => {
      const { cookie } = newOwner();
      const nb = await createNotebook(cookie);
      for (let i = 0; i < 2; i++)
        expect(runEndOf(await startRun(cookie, nb.id, `[scenario:echo] ${nonce()}`)).run.status).toBe("completed");
      const third = `third ${nonce()}`;
      const err = await errorOf(await startRunRequest(cookie, nb.id, { prompt: third, mode: "auto" }));
      expect(err).toMatchObject({ status: 429, code: "rate_limited" });
      expect(requestsWith(fake, third)).toEqual([]);
      expect(err.message).toMatch(/at most 2 per minute/);
      expect(err.retryAfterSeconds).toBeGreaterThan(0);
      // Someone else is not affected.
      const other = newOwner();
      const theirs = await createNotebook(other.cookie);
      expect(runEndOf(await startRun(other.cookie, theirs.id, `[scenario:echo] ${nonce()}`)).run.status).toBe(
        "completed",
      );
    });
  });

  it("without ANTHROPIC_API_KEY the agent answers 503 and creates nothing", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    await withEnv({ ANTHROPIC_API_KEY: undefined }, async () => {
      const err = await errorOf(await startRunRequest(cookie, nb.id, { prompt: "hi", mode: "auto" }));
      expect(err).toMatchObject({ status: 503, code: "unavailable" });
      expect(err.message).toMatch(/ANTHROPIC_API_KEY is not set/);
    });
    expect((await history(cookie, nb.id)).runs).toEqual([]);
  });

  it("the model and mode are remembered; a saved model is the default", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const first = await startRunRequest(cookie, nb.id, {
      prompt: `[scenario:echo] ${nonce()}`,
      mode: "approve",
      model: "claude-haiku-4-5",
    });
    const events: AgentEvent[] = [];
    for await (const e of decodeEvents(first.body!)) events.push(e);
    expect(runOf(events)).toMatchObject({ model: "claude-haiku-4-5", mode: "approve" });
    const second = await startRun(cookie, nb.id, `[scenario:echo] ${nonce()}`);
    expect(runOf(second).model).toBe("claude-haiku-4-5");
  });
});
