// The client driver shared by the browser runner and the eval: event streams in, cells run in
// order, observations out, and how a drive ends.
import { describe, expect, it } from "vitest";
import type { AgentEvent, ObservationBody, RunSummary } from "@/lib/agent/events";
import { driveRun, readStep, type ToolCall } from "../agent-driver";

const summary = (over: Partial<RunSummary> = {}): RunSummary => ({
  id: "run-1",
  status: "running",
  model: "claude-sonnet-5-5",
  mode: "auto",
  effort: null,
  stepCount: 0,
  maxSteps: 20,
  usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
  costUsd: 0,
  error: null,
  createdAt: "2026-12-05T00:00:00.000Z",
  finishedAt: null,
  ...over,
});

async function* stream(events: AgentEvent[]): AsyncGenerator<AgentEvent> {
  for (const e of events) yield e;
}

const run: AgentEvent = { type: "run", run: summary() };
const call = (n: number): AgentEvent[] => [
  { type: "cell_started", cellId: `c${n}`, toolUseId: `t${n}`, index: n },
  { type: "code_delta", cellId: `c${n}`, delta: `x = ${n}` },
  { type: "tool_call", cellId: `c${n}`, toolUseId: `t${n}`, code: `x = ${n}` },
];
const end = (finalText: string | null): AgentEvent => ({
  type: "run_end",
  run: summary({ status: "completed" }),
  finalText,
});
const ok = (c: ToolCall): ObservationBody => ({
  toolUseId: c.toolUseId,
  cellId: c.cellId,
  code: c.code,
  outputs: [],
  status: "ok",
});

/** A port that records what the driver did; `next` are the streams answering each observation. */
function recorder(next: AgentEvent[][], runCall: (c: ToolCall) => ObservationBody | null = ok) {
  const log: string[] = [];
  return {
    log,
    port: {
      onEvent: (e: AgentEvent) => log.push(`event ${e.type}`),
      afterStep: async (s: { cellIds: string[] }) => void log.push(`after ${s.cellIds.join(",")}`),
      runCall: async (c: ToolCall, runId: string) => {
        log.push(`run ${c.cellId} of ${runId}`);
        return runCall(c);
      },
      observe: async (runId: string, body: ObservationBody) => {
        log.push(`observe ${body.toolUseId} of ${runId}`);
        return stream(next.shift() ?? []);
      },
    },
  };
}

describe("readStep", () => {
  it("hands every event on in order and sums up the step", async () => {
    const seen: string[] = [];
    const step = await readStep(
      stream([run, { type: "step_start", step: 1 }, ...call(1), { type: "error", code: "conflict", message: "m" }]),
      (e) => seen.push(e.type),
    );
    expect(seen).toEqual(["run", "step_start", "cell_started", "code_delta", "tool_call", "error"]);
    expect(step).toEqual({
      run: summary(),
      calls: [{ cellId: "c1", toolUseId: "t1", code: "x = 1" }],
      cellIds: ["c1"],
      end: null,
      error: { type: "error", code: "conflict", message: "m" },
    });
  });
});

describe("driveRun", () => {
  it("runs each asked cell, posts its result and reads the next step until the run ends", async () => {
    const { log, port } = recorder([
      [run, ...call(2)],
      [run, end("done")],
    ]);
    const result = await driveRun(stream([run, ...call(1)]), port);
    expect(result).toEqual({ kind: "ended", end: end("done") });
    expect(log.filter((l) => !l.startsWith("event"))).toEqual([
      "after c1",
      "run c1 of run-1",
      "observe t1 of run-1",
      "after c2",
      "run c2 of run-1",
      "observe t2 of run-1",
    ]);
  });

  it("runs several calls of one step in order, each result posted before the next cell runs", async () => {
    const { log, port } = recorder([[run], [run, end(null)]]);
    const result = await driveRun(stream([run, ...call(1), ...call(2)]), port);
    expect(result.kind).toBe("ended");
    expect(log.filter((l) => !l.startsWith("event"))).toEqual([
      "after c1,c2",
      "run c1 of run-1",
      "observe t1 of run-1",
      "run c2 of run-1",
      "observe t2 of run-1",
    ]);
  });

  it("stops when a cell is not run (the person stopped the run), posting nothing", async () => {
    const { log, port } = recorder([], () => null);
    expect(await driveRun(stream([run, ...call(1)]), port)).toEqual({ kind: "stopped" });
    expect(log.some((l) => l.startsWith("observe"))).toBe(false);
  });

  it("reports a stream that ends with neither a cell nor the run's end as lost", async () => {
    const { port } = recorder([[run, { type: "step_start", step: 2 }]]);
    const result = await driveRun(stream([run, ...call(1)]), port);
    expect(result).toMatchObject({ kind: "lost", step: { calls: [], end: null } });
  });

  it("a run that ends in its first step runs nothing", async () => {
    const { log, port } = recorder([]);
    expect(await driveRun(stream([run, { type: "text_delta", text: "hi" }, end("hi")]), port)).toEqual({
      kind: "ended",
      end: end("hi"),
    });
    expect(log).toEqual(["event run", "event text_delta", "event run_end"]);
  });
});
