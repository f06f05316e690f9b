// Drives the agent routes like the browser does, against the real SDK pointed at the in-process
// fake Anthropic server: start a run, read its NDJSON events, post cell results, stop, resume.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, vi } from "vitest";
import * as notebooks from "@/app/api/notebooks/route";
import * as notebook from "@/app/api/notebooks/[id]/route";
import * as runs from "@/app/api/notebooks/[id]/runs/route";
import * as observations from "@/app/api/runs/[runId]/observations/route";
import * as stop from "@/app/api/runs/[runId]/stop/route";
import * as resume from "@/app/api/runs/[runId]/resume/route";
import { ctx, newOwner, request } from "@/app/api/notebooks/__tests__/request";
import { decodeEvents, type AgentEvent, type RunSummary } from "@/lib/agent/events";
import type { Output } from "@/lib/notebook/outputs";
import { startFakeAnthropic, type FakeAnthropic } from "@/e2e/fake-anthropic/server";
import type { RecordedRequest } from "@/e2e/fake-anthropic/types";

export { newOwner };

export async function startFake(): Promise<FakeAnthropic> {
  const fake = await startFakeAnthropic({ port: 0 });
  process.env.ANTHROPIC_BASE_URL = fake.url;
  process.env.ANTHROPIC_API_KEY = "test-key";
  return fake;
}

/**
 * Starts the fake Anthropic server for a test file and stops it after; returns a getter.
 * Model failures and the SDK's deprecation notice are logged on purpose; keep test output readable.
 */
export function useFakeAnthropic(): () => FakeAnthropic {
  let fake: FakeAnthropic | undefined;
  beforeAll(async () => {
    fake = await startFake();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await fake?.close();
  });
  return () => fake!;
}

export const nonce = () => `nonce-${randomUUID().slice(0, 8)}`;

/** The fake's recorded Messages API requests of one conversation (its prompts carry the nonce). */
export function requestsWith(fake: FakeAnthropic, tag: string): RecordedRequest[] {
  return fake.requests().filter((r) => r.path === "/v1/messages" && JSON.stringify(r.body ?? "").includes(tag));
}

export async function createNotebook(cookie: string): Promise<{ id: string; cells: { id: string }[] }> {
  const res = await notebooks.POST(request("POST", "/api/notebooks", { cookie, body: { title: "Agent" } }), ctx({}));
  expect(res.status).toBe(201);
  return (await res.json()).notebook;
}

export async function getNotebook(cookie: string, id: string) {
  const res = await notebook.GET(request("GET", "/x", { cookie }), ctx({ id }));
  return (await res.json()).notebook as {
    settings: Record<string, unknown>;
    cells: { id: string; source: string; author: string; version: number }[];
  };
}

export async function readEvents(res: Response): Promise<AgentEvent[]> {
  if (res.status !== 200) throw new Error(`expected a stream, got ${res.status}: ${await res.text()}`);
  expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  const events: AgentEvent[] = [];
  for await (const e of decodeEvents(res.body!)) events.push(e);
  return events;
}

export const startRunRequest = (cookie: string, notebookId: string, body: unknown, signal?: AbortSignal) =>
  runs.POST(request("POST", "/x", { cookie, body, signal }), ctx({ id: notebookId }));

export async function startRun(cookie: string, notebookId: string, prompt: string, mode: "auto" | "approve" = "auto") {
  return readEvents(await startRunRequest(cookie, notebookId, { prompt, mode }));
}

export const observeRequest = (cookie: string, runId: string, body: unknown) =>
  observations.POST(request("POST", "/x", { cookie, body }), ctx({ runId }));

export const stopRequest = (cookie: string, runId: string) =>
  stop.POST(request("POST", "/x", { cookie }), ctx({ runId }));

export const resumeRequest = (cookie: string, runId: string, signal?: AbortSignal) =>
  resume.POST(request("POST", "/x", { cookie, signal }), ctx({ runId }));

export const listRequest = (cookie: string, notebookId: string) =>
  runs.GET(request("GET", "/x", { cookie }), ctx({ id: notebookId }));

export async function history(cookie: string, notebookId: string) {
  const res = await listRequest(cookie, notebookId);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    runs: RunSummary[];
    messages: { id: string; runId: string | null; role: string; content: unknown[]; createdAt: string }[];
  };
}

export function runOf(events: AgentEvent[]): RunSummary {
  const first = events[0];
  if (first?.type !== "run") throw new Error(`the stream must start with a run event, got ${JSON.stringify(first)}`);
  return first.run;
}

export type CellResult = {
  outputs: Output[];
  status: "ok" | "error" | "interrupted" | "cancelled";
  code?: string;
  skipped?: boolean;
};

/** A stand-in for Pyodide: what running the agent's code "printed". */
export function fakePython(code: string): CellResult {
  if (code.includes("undefined_name")) {
    return {
      status: "error",
      outputs: [
        {
          output_type: "error",
          ename: "NameError",
          evalue: "name 'undefined_name' is not defined",
          traceback: [
            "Traceback (most recent call last):",
            '  File "<cell>", line 1, in <module>',
            "NameError: name 'undefined_name' is not defined",
          ],
        },
      ],
    };
  }
  const printed = /^print\((.*)\)$/.exec(code.trim());
  if (printed) {
    // eslint-disable-next-line no-new-func -- test-only arithmetic like 6*7
    const value = /^[\d\s+*x-]+$/.test(printed[1]!) ? String(Function("x", `return ${printed[1]}`)(41)) : printed[1]!;
    return { status: "ok", outputs: [{ output_type: "stream", name: "stdout", text: `${value}\n` }] };
  }
  return { status: "ok", outputs: [] };
}

/**
 * Plays the browser's side until the run ends: runs each tool call with `python` and posts the
 * result. Returns every event of every stream, in order.
 */
export async function drive(
  cookie: string,
  first: AgentEvent[],
  python: (code: string) => CellResult = fakePython,
  maxRounds = 30,
): Promise<AgentEvent[]> {
  const all = [...first];
  let events = first;
  const runId = runOf(first).id;
  for (let round = 0; round < maxRounds; round++) {
    if (events.some((e) => e.type === "run_end")) return all;
    const call = events.findLast((e) => e.type === "tool_call");
    if (call?.type !== "tool_call")
      throw new Error(`stream ended without a tool call or run_end: ${JSON.stringify(events.map((e) => e.type))}`);
    const result = python(call.code);
    const res = await observeRequest(cookie, runId, {
      toolUseId: call.toolUseId,
      cellId: call.cellId,
      code: result.code ?? call.code,
      outputs: result.outputs,
      status: result.status,
      ...(result.skipped ? { skipped: true } : {}),
    });
    events = await readEvents(res);
    expect(events[0]?.type).toBe("run");
    all.push(...events);
  }
  throw new Error("the run did not end");
}

export function runEndOf(events: AgentEvent[]) {
  const end = events.at(-1);
  if (end?.type !== "run_end") throw new Error(`expected the stream to end with run_end, got ${JSON.stringify(end)}`);
  return end;
}

export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
