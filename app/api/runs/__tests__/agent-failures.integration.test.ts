// Failures, stops, aborts and resumes of agent runs, against the real SDK and the fake Anthropic.
import { beforeAll, describe, expect, it } from "vitest";
import type { FakeAnthropic } from "@/e2e/fake-anthropic/server";
import { decodeEvents, type AgentEvent } from "@/lib/agent/events";
import {
  createNotebook,
  drive,
  getNotebook,
  history,
  newOwner,
  nonce,
  readEvents,
  requestsWith,
  resumeRequest,
  runEndOf,
  runOf,
  useFakeAnthropic,
  startRun,
  startRunRequest,
  stopRequest,
} from "./agent-harness";

let fake: FakeAnthropic;
const fakeServer = useFakeAnthropic();
beforeAll(() => {
  fake = fakeServer();
});

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("model failures end the run with a clear message", () => {
  const cases: [string, RegExp][] = [
    ["error-401", /^Claude rejected the API key \(401\)\. Check ANTHROPIC_API_KEY on the server\.$/],
    ["overloaded-storm", /^Claude is overloaded right now \(529\) even after 2 retries\. Try again in a minute\.$/],
    [
      "error-500-mid-stream",
      /^The connection to Claude was lost mid-answer \(Claude reported api_error: Internal server error\)\./,
    ],
    [
      "overloaded-mid-stream",
      /^The connection to Claude was lost mid-answer \(Claude reported overloaded_error: Overloaded\)\./,
    ],
    ["cut-mid-stream", /^The connection to Claude was lost mid-answer\. Try again/],
  ];
  for (const [scenario, message] of cases) {
    it(scenario, async () => {
      const { cookie } = newOwner();
      const nb = await createNotebook(cookie);
      const events = await startRun(cookie, nb.id, `[scenario:${scenario}] ${nonce()}`);
      const end = runEndOf(events);
      expect(end.run.status).toBe("failed");
      expect(end.run.error).toMatch(message);
      expect(end.run.finishedAt).not.toBeNull();
      expect(events.filter((e) => e.type === "error")).toEqual([]);
      // No partial answer is kept: the history is the person's turn only, so a new request works.
      const h = await history(cookie, nb.id);
      expect(h.messages.map((m) => m.role)).toEqual(["user"]);
      expect(h.runs[0]).toMatchObject({ status: "failed", stepCount: 1 });
      const next = await startRun(cookie, nb.id, `[scenario:echo] ${nonce()}`);
      expect(runEndOf(next).finalText).toMatch(/^Echo: 2 messages; tools: run_python; cache_control: yes; system: yes/);
    }, 20_000);
  }

  it("rate-limit-then-ok: the SDK's retry recovers", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const end = runEndOf(await startRun(cookie, nb.id, `[scenario:rate-limit-then-ok] ${nonce()}`));
    expect(end).toMatchObject({ finalText: "Recovered after a rate limit.", run: { status: "completed" } });
  }, 20_000);

  it("max-tokens: the cut-off answer is kept and the run says why it ended", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const end = runEndOf(await startRun(cookie, nb.id, `[scenario:max-tokens] ${nonce()}`));
    expect(end.run.status).toBe("failed");
    expect(end.run.error).toBe("Claude's reply reached the limit of 32,000 tokens for one answer and was cut off.");
    expect((await history(cookie, nb.id)).messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });
});

describe("stop", () => {
  it("ends a run waiting for its cell, answers the open call, and a later request is valid", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const first = await startRun(cookie, nb.id, `[scenario:code-error-fix] ${nonce()}`);
    const runId = runOf(first).id;
    const call = first.find((e) => e.type === "tool_call") as Extract<AgentEvent, { type: "tool_call" }>;

    const res = await stopRequest(cookie, runId);
    expect(res.status).toBe(200);
    const { run } = await res.json();
    expect(run).toMatchObject({ id: runId, status: "stopped", error: null });
    expect(run.finishedAt).not.toBeNull();
    // Idempotent.
    const again = await (await stopRequest(cookie, runId)).json();
    expect(again.run).toEqual(run);

    const h = await history(cookie, nb.id);
    expect(h.messages.at(-1)).toMatchObject({
      role: "user",
      runId,
      content: [
        {
          type: "tool_result",
          tool_use_id: call.toolUseId,
          content: [{ type: "text", text: "[stopped by the person before this ran]" }],
          is_error: true,
        },
      ],
    });
    // The next request carries the whole history; the fake rejects unpaired tool calls with a 400.
    const tag = nonce();
    const next = await startRun(cookie, nb.id, `[scenario:echo] ${tag}`);
    expect(runEndOf(next).finalText).toMatch(/^Echo: 4 messages;/);
    expect(requestsWith(fake, tag)[0]!.status).toBe(200);
  });

  it("a step streaming in this process ends at once with run_end stopped", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const res = await startRunRequest(cookie, nb.id, {
      prompt: `[scenario:slow-stream delay=100 chunks=50] ${nonce()}`,
      mode: "auto",
    });
    const events: AgentEvent[] = [];
    const t0 = Date.now();
    for await (const e of decodeEvents(res.body!)) {
      events.push(e);
      if (e.type === "text_delta" && events.filter((x) => x.type === "text_delta").length === 1) {
        expect((await stopRequest(cookie, runOf(events).id)).status).toBe(200);
      }
    }
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(runEndOf(events).run.status).toBe("stopped");
    const h = await history(cookie, nb.id);
    expect(h.messages.map((m) => m.role)).toEqual(["user"]);
    expect(h.runs[0]!.stepCount).toBe(1);
  });
});

describe("abort and resume", () => {
  it("the browser going away mid-step leaves the run interrupted and resumable; its cell keeps the partial code", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const abort = new AbortController();
    const tag = nonce();
    const res = await startRunRequest(
      cookie,
      nb.id,
      { prompt: `[scenario:code-error-fix delay=50 json-chunk=3] ${tag}`, mode: "auto" },
      abort.signal,
    );
    const events: AgentEvent[] = [];
    try {
      for await (const e of decodeEvents(res.body!)) {
        events.push(e);
        if (e.type === "code_delta") abort.abort();
      }
    } catch {
      // the aborted body errors, as in a browser
    }
    const runId = runOf(events).id;
    const h = await waitFor("the run to be interrupted", async () => {
      const h = await history(cookie, nb.id);
      return h.runs[0]!.status === "interrupted" && h;
    });
    expect(h.messages.map((m) => m.role)).toEqual(["user"]);
    expect(requestsWith(fake, tag)[0]!.closedEarly).toBe(true);
    const cells = (await getNotebook(cookie, nb.id)).cells;
    expect(cells).toHaveLength(2);
    expect(cells[1]!.author).toBe("agent");
    expect(cells[1]!.source.length).toBeGreaterThan(0);
    expect("print(undefined_name)".startsWith(cells[1]!.source)).toBe(true);

    // Resume: the last message is the person's, so the step runs again, then the loop goes on.
    const resumed = await readEvents(await resumeRequest(cookie, runId));
    expect(runOf(resumed)).toMatchObject({ id: runId, status: "running" });
    expect(resumed[1]).toEqual({ type: "step_start", step: 2 });
    const all = await drive(cookie, resumed);
    expect(runEndOf(all)).toMatchObject({ finalText: "The answer is 42", run: { status: "completed" } });
    // An ended run cannot be resumed.
    const late = await resumeRequest(cookie, runId);
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toMatch(/already ended \(completed\)/);
  });

  it("resume after a reload with a pending call streams that tool call again", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const first = await startRun(cookie, nb.id, `[scenario:code-error-fix] ${nonce()}`, "approve");
    const call = first.find((e) => e.type === "tool_call")!;
    const resumed = await readEvents(await resumeRequest(cookie, runOf(first).id));
    expect(resumed).toEqual([{ type: "run", run: expect.objectContaining({ status: "awaiting_approval" }) }, call]);
    const all = await drive(cookie, resumed);
    expect(runEndOf(all).finalText).toBe("The answer is 42");
  });

  it("a new request ends an interrupted run for good", async () => {
    const { cookie } = newOwner();
    const nb = await createNotebook(cookie);
    const abort = new AbortController();
    const res = await startRunRequest(
      cookie,
      nb.id,
      { prompt: `[scenario:slow-stream delay=100 chunks=50] ${nonce()}`, mode: "auto" },
      abort.signal,
    );
    const events: AgentEvent[] = [];
    try {
      for await (const e of decodeEvents(res.body!)) {
        events.push(e);
        if (e.type === "text_delta") abort.abort();
      }
    } catch {
      // aborted
    }
    await waitFor(
      "the run to be interrupted",
      async () => (await history(cookie, nb.id)).runs[0]!.status === "interrupted",
    );
    const tag = nonce();
    const next = await startRun(cookie, nb.id, `[scenario:echo] ${tag}`);
    // Two user turns in a row (the unanswered one, then this one) are sent as they are.
    expect(runEndOf(next).finalText).toMatch(/^Echo: 2 messages;/);
    const h = await history(cookie, nb.id);
    expect(h.runs.map((r) => [r.status, r.error])).toEqual([
      ["stopped", "Not resumed: a new request was sent."],
      ["completed", null],
    ]);
    const stale = await resumeRequest(cookie, h.runs[0]!.id);
    expect(stale.status).toBe(409);
  });
});
