// An in-memory StepStore and a scripted ModelClient: the step driver without a database or a
// network, as an evaluation harness would run it.
import type { Block, ToolResultBlock } from "../conversation";
import { withResultsFirst } from "../conversation";
import type { ModelClient, ModelRequest, RawMessageStreamEvent } from "../model-client";
import { addUsage, costOf, ZERO_USAGE } from "../pricing";
import { FINISHED_STATUSES, type RunRecord, type StepStore, type StoredMessage } from "../run-store";

export class MemoryStore implements StepStore {
  runs = new Map<string, RunRecord>();
  conversation: StoredMessage[] = [];
  cells: { id: string; toolUseId: string; source: string }[] = [];
  private seq = 0;

  addRun(over: Partial<RunRecord> = {}): RunRecord {
    const run: RunRecord = {
      id: `run-${++this.seq}`,
      notebookId: "nb",
      status: "running",
      model: "claude-sonnet-4-5",
      mode: "auto",
      stepCount: 0,
      maxSteps: 20,
      usage: ZERO_USAGE,
      costUsd: 0,
      error: null,
      createdAt: new Date(),
      finishedAt: null,
      ...over,
    };
    this.runs.set(run.id, run);
    return run;
  }

  push(runId: string, role: "user" | "assistant", content: Block[]): void {
    this.conversation.push({ id: `m${++this.seq}`, runId, role, content, position: this.conversation.length, createdAt: new Date() });
  }

  async getRun(runId: string) {
    const run = this.runs.get(runId);
    return run ? { ...run } : null;
  }
  async runStatus(runId: string) {
    return this.runs.get(runId)?.status ?? null;
  }
  async messages() {
    return this.conversation.map((m) => ({ ...m }));
  }
  async createAgentCell(_run: RunRecord, toolUseId: string) {
    const cell = { id: `cell-${++this.seq}`, toolUseId, source: "" };
    this.cells.push(cell);
    return { cellId: cell.id, index: this.cells.length - 1 };
  }
  async setAgentCellCode(cellId: string, code: string) {
    const cell = this.cells.find((c) => c.id === cellId);
    if (cell) cell.source = code;
  }
  async endStep(runId: string, input: Parameters<StepStore["endStep"]>[1]) {
    const run = this.runs.get(runId)!;
    const persisted = run.status === "running" && this.conversation.at(-1)?.id === input.afterMessageId;
    if (persisted && input.assistant) this.push(runId, "assistant", input.assistant);
    run.stepCount++;
    run.usage = addUsage(run.usage, input.usage);
    run.costUsd = costOf(run.model, run.usage);
    if (persisted) Object.assign(run, { status: input.status, error: input.error, finishedAt: FINISHED_STATUSES.includes(input.status) ? new Date() : null });
    return { run: { ...run }, persisted };
  }
  async appendToolResults(runId: string, results: ToolResultBlock[]) {
    const last = this.conversation.at(-1);
    if (last?.role === "user") last.content = withResultsFirst([...last.content, ...results]);
    else this.push(runId, "user", results);
  }
  async finishRun(runId: string, status: "completed" | "failed" | "stopped", error: string | null) {
    const run = this.runs.get(runId)!;
    if (!FINISHED_STATUSES.includes(run.status)) Object.assign(run, { status, error, finishedAt: new Date() });
    return { ...run };
  }
}

type Reply = { text?: string; tool?: { id: string; name?: string; input: unknown }; stop?: string; failAfter?: number; hang?: boolean };

/** Plays one scripted reply per call as raw stream events; records the requests. */
export class ScriptedModel implements ModelClient {
  readonly maxRetries = 0;
  requests: ModelRequest[] = [];
  constructor(private replies: Reply[]) {}

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<RawMessageStreamEvent> {
    this.requests.push(structuredClone(request));
    const reply = this.replies.shift();
    if (!reply) throw new Error("no scripted reply left");
    const events: RawMessageStreamEvent[] = [];
    const usage = { input_tokens: 100, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    events.push({ type: "message_start", message: { usage } } as unknown as RawMessageStreamEvent);
    let index = 0;
    if (reply.text) {
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } } as unknown as RawMessageStreamEvent);
      for (const piece of reply.text.match(/.{1,5}/gs) ?? []) {
        events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: piece } } as RawMessageStreamEvent);
      }
      events.push({ type: "content_block_stop", index } as RawMessageStreamEvent);
      index++;
    }
    if (reply.tool) {
      const { id, name = "run_python", input } = reply.tool;
      events.push({ type: "content_block_start", index, content_block: { type: "tool_use", id, name, input: {} } } as unknown as RawMessageStreamEvent);
      for (const piece of JSON.stringify(input).match(/.{1,4}/gs) ?? []) {
        events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } } as RawMessageStreamEvent);
      }
      events.push({ type: "content_block_stop", index } as RawMessageStreamEvent);
    }
    events.push({ type: "message_delta", delta: { stop_reason: reply.stop ?? (reply.tool ? "tool_use" : "end_turn") }, usage: { output_tokens: 50 } } as unknown as RawMessageStreamEvent);
    events.push({ type: "message_stop" } as RawMessageStreamEvent);
    for (const [i, e] of events.entries()) {
      if (reply.failAfter !== undefined && i >= reply.failAfter) {
        if (reply.hang) {
          const aborted = () => Object.assign(new Error("aborted"), { name: "AbortError" });
          if (signal.aborted) throw aborted();
          await new Promise((_, reject) => signal.addEventListener("abort", () => reject(aborted())));
        }
        throw new Error("socket hang up: other side closed");
      }
      yield e;
    }
  }
}
