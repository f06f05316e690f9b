// The run store (run-store.ts) kept in memory, for one notebook: `npm run eval` (one store per
// task) and the unit tests drive the same orchestrator and step driver as the routes with it. It
// passes the same contract tests as the PostgreSQL adapter (__tests__/run-store-contract.ts): a
// start is refused while a run is active, over the rate limit, or when the conversation or the
// settings changed since they were read; a step is persisted only while the run is running and
// the conversation still ends where the step began; tool results go first in their user turn.
import type { FileInfo } from "@/lib/files/file-info";
import type { Block, ToolResultBlock } from "./conversation";
import { pendingToolUses, textOf, withResultsFirst } from "./conversation";
import { FILE_CONTEXT_LIMITS } from "./file-context";
import type { ContextCell } from "./notebook-context";
import { addUsage, defaultModel, ZERO_USAGE } from "./pricing";
import { CURRENT_PROMPT_VERSION } from "./prompts/registry";
import {
  ACTIVE_STATUSES,
  FINISHED_STATUSES,
  resultTurnIndex,
  RunNotFound,
  type NewRun,
  type ObserveSnapshot,
  type PendingCall,
  type ResumePlan,
  type RunRecord,
  type RunStore,
  type SavedFile,
  type StartAnswer,
  type StartSnapshot,
  type StoredMessage,
  type ToolResultAnswer,
  type ToolResultWrite,
} from "./run-store";

const copy = <T>(value: T): T => structuredClone(value);

export class MemoryStore implements RunStore {
  runs = new Map<string, RunRecord>();
  conversation: StoredMessage[] = [];
  cells: { id: string; toolUseId: string; source: string; runId: string | null }[] = [];
  /** The notebook's files (the eval's task inputs), newest content last written. */
  files = new Map<string, FileInfo & { bytes: Uint8Array }>();
  settings: Record<string, unknown> = {};
  private seq = 0;

  constructor(readonly notebookId = "nb") {}

  addRun(over: Partial<RunRecord> = {}): RunRecord {
    const run: RunRecord = {
      id: `run-${++this.seq}`,
      notebookId: this.notebookId,
      status: "running",
      model: defaultModel(),
      mode: "auto",
      effort: null,
      promptVersion: CURRENT_PROMPT_VERSION,
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

  push(runId: string | null, role: "user" | "assistant", content: Block[]): StoredMessage {
    const message: StoredMessage = {
      id: `m${++this.seq}`,
      runId,
      role,
      content: copy(content),
      position: this.conversation.length,
      createdAt: new Date(),
    };
    this.conversation.push(message);
    return message;
  }

  private ownRun(runId: string): RunRecord {
    const run = this.runs.get(runId);
    if (!run) throw new RunNotFound();
    return run;
  }

  async readStart(notebookId: string, runsPerMinute: number): Promise<StartSnapshot | null> {
    if (notebookId !== this.notebookId) return null;
    const runs = [...this.runs.values()];
    const { headBytes, files: fileLimit } = FILE_CONTEXT_LIMITS;
    const files = [...this.files.values()]
      .sort((a, b) => a.kind.localeCompare(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .slice(0, fileLimit)
      .map(({ bytes, ...info }) => ({ ...info, head: bytes.slice(0, headBytes) }));
    const latest = runs.reduce<Date | null>((t, r) => (t && t >= r.createdAt ? t : r.createdAt), null);
    return {
      settings: copy(this.settings),
      previousRequestAt: latest,
      messages: copy(this.conversation),
      cells: this.cells.map(
        (c): ContextCell => ({
          kind: "code",
          author: "agent",
          source: c.source,
          outputs: [],
          executionCount: null,
          createdAt: new Date(0),
          editedAt: null,
        }),
      ),
      files,
      fileCount: this.files.size,
      mayStart: !runs.some((r) => ACTIVE_STATUSES.includes(r.status)) && this.recentRuns() < runsPerMinute,
    };
  }

  private recentRuns(): number {
    const since = Date.now() - 60_000;
    return [...this.runs.values()].filter((r) => r.createdAt.getTime() > since).length;
  }

  async startRun(notebookId: string, input: NewRun): Promise<StartAnswer> {
    if (notebookId !== this.notebookId) return { error: "not_found" };
    const active = [...this.runs.values()].find((r) => ACTIVE_STATUSES.includes(r.status));
    if (active) return { error: "run_active", runId: active.id };
    if (this.recentRuns() >= input.runsPerMinute) {
      const oldest = Math.min(
        ...[...this.runs.values()].map((r) => r.createdAt.getTime()).filter((t) => t > Date.now() - 60_000),
      );
      return { error: "rate_limited", retryAfterMs: Math.max(0, oldest + 60_000 - Date.now()) };
    }
    if (
      this.conversation.at(-1)?.id !== input.snapshot.messages.at(-1)?.id ||
      JSON.stringify(this.settings) !== JSON.stringify(input.snapshot.settings)
    )
      return { error: "stale" };
    const { effort: _effort, ...rest } = this.settings;
    this.settings = {
      ...rest,
      model: input.model,
      mode: input.mode,
      promptVersion: input.promptVersion,
      ...(input.effort ? { effort: input.effort } : {}),
    };
    // An interrupted run can only be resumed while it is the latest; a new request ends it.
    for (const r of this.runs.values())
      if (r.status === "interrupted")
        Object.assign(r, { status: "stopped", finishedAt: new Date(), error: "Not resumed: a new request was sent." });
    const run = this.addRun({
      model: input.model,
      mode: input.mode,
      effort: input.effort,
      promptVersion: input.promptVersion,
      maxSteps: input.maxSteps,
    });
    const message = this.push(run.id, "user", input.content);
    return { run: copy(run), message: copy(message) };
  }

  async readObserve(runId: string): Promise<ObserveSnapshot | null> {
    const run = this.runs.get(runId);
    if (!run) return null;
    return { run: copy(run), messages: copy(this.conversation), token: null };
  }

  async writeToolResult(runId: string, snapshot: ObserveSnapshot, write: ToolResultWrite): Promise<ToolResultAnswer> {
    const run = this.runs.get(runId);
    if (!run) return { error: "not_found" };
    if (run.status !== snapshot.run.status || this.conversation.at(-1)?.id !== snapshot.messages.at(-1)?.id)
      return { error: "stale" };
    let message: StoredMessage;
    if (write.afterIndex >= 0) {
      const turn = this.conversation[write.afterIndex];
      const read = snapshot.messages[write.afterIndex];
      if (!turn || !read || turn.id !== read.id || JSON.stringify(turn.content) !== JSON.stringify(read.content))
        return { error: "stale" };
      turn.content = copy(write.content);
      message = turn;
    } else {
      message = this.push(runId, "user", write.content);
    }
    if (write.resume) run.status = "running";
    return { run: copy(run), message: copy(message) };
  }

  async savedFiles(
    _runId: string,
    paths: readonly string[],
    imageMimes: readonly string[],
    maxImageBytes: number,
  ): Promise<SavedFile[]> {
    return [...new Set(paths)].sort().flatMap((p) => {
      const f = this.files.get(p);
      if (!f) return [];
      const { bytes, ...info } = f;
      const image = imageMimes.includes(f.mime) && f.size <= maxImageBytes;
      return [{ ...info, bytes: image ? bytes : null }];
    });
  }

  async stopRun(runId: string, stopped: Omit<ToolResultBlock, "tool_use_id">): Promise<RunRecord> {
    const run = this.ownRun(runId);
    if (FINISHED_STATUSES.includes(run.status)) return copy(run);
    const { type, ...rest } = stopped;
    this.appendResults(
      runId,
      pendingToolUses(this.conversation).map((u): ToolResultBlock => ({ type, tool_use_id: u.id, ...rest })),
    );
    Object.assign(run, { status: "stopped", error: null, finishedAt: new Date() });
    return copy(run);
  }

  async prepareResume(runId: string): Promise<ResumePlan> {
    const run = this.ownRun(runId);
    if (FINISHED_STATUSES.includes(run.status)) return { kind: "finished", run: copy(run) };
    const latest = [...this.runs.values()].at(-1);
    if (latest?.id !== runId) return { kind: "not_latest", run: copy(run) };
    const set = (status: "running" | "awaiting_approval" | "completed") => {
      Object.assign(run, { status, error: null, finishedAt: status === "completed" ? new Date() : null });
      return copy(run);
    };
    const pending = pendingToolUses(this.conversation);
    if (pending.length) {
      const calls = pending.map((use): PendingCall => {
        const i = this.cells.findIndex((c) => c.toolUseId === use.id);
        if (i >= 0)
          return {
            toolUseId: use.id,
            cellId: this.cells[i]!.id,
            index: i,
            code: this.cells[i]!.source,
            recreated: false,
          };
        const code = String((use.input as { code?: unknown } | null)?.code ?? "");
        const cell = { id: `cell-${++this.seq}`, toolUseId: use.id, source: code, runId };
        this.cells.push(cell);
        return { toolUseId: use.id, cellId: cell.id, index: this.cells.length - 1, code, recreated: true };
      });
      return { kind: "tool_calls", run: set(run.mode === "approve" ? "awaiting_approval" : "running"), calls };
    }
    const last = this.conversation.at(-1);
    if (last?.role === "user") return { kind: "step", run: set("running") };
    return { kind: "ended", run: set("completed"), finalText: last ? textOf(last.content) || null : null };
  }

  async history(notebookId: string) {
    if (notebookId !== this.notebookId) return null;
    return { runs: copy([...this.runs.values()]), messages: copy(this.conversation) };
  }

  async getRun(runId: string) {
    const run = this.runs.get(runId);
    return run ? copy(run) : null;
  }
  async runStatus(runId: string) {
    return this.runs.get(runId)?.status ?? null;
  }
  async messages() {
    return copy(this.conversation);
  }
  async createAgentCell(run: RunRecord, toolUseId: string) {
    const cell = { id: `cell-${++this.seq}`, toolUseId, source: "", runId: run.id };
    this.cells.push(cell);
    return { cellId: cell.id, index: this.cells.length - 1 };
  }
  async setAgentCellCode(cellId: string, code: string) {
    const cell = this.cells.find((c) => c.id === cellId);
    if (cell) cell.source = code;
  }
  async endStep(runId: string, input: Parameters<RunStore["endStep"]>[1]) {
    const run = this.ownRun(runId);
    const persisted = run.status === "running" && this.conversation.at(-1)?.id === input.afterMessageId;
    if (persisted && input.assistant?.length) this.push(runId, "assistant", input.assistant);
    run.stepCount++;
    run.usage = addUsage(run.usage, input.usage);
    // Exact to the micro-dollar, as the database's Decimal(12, 6) keeps it.
    run.costUsd = Number((run.costUsd + input.costUsd).toFixed(6));
    if (persisted)
      Object.assign(run, {
        status: input.status,
        error: input.error,
        finishedAt: FINISHED_STATUSES.includes(input.status) ? new Date() : null,
      });
    return { run: copy(run), persisted };
  }
  async appendToolResults(runId: string, results: ToolResultBlock[]) {
    this.ownRun(runId);
    this.appendResults(runId, results);
  }
  private appendResults(runId: string, results: ToolResultBlock[]) {
    if (results.length === 0) return;
    const i = resultTurnIndex(this.conversation);
    const turn = i >= 0 ? this.conversation[i]! : null;
    if (turn) turn.content = withResultsFirst([...turn.content, ...copy(results)]);
    else this.push(runId, "user", results);
  }
  async finishRun(runId: string, status: "completed" | "failed" | "stopped", error: string | null) {
    const run = this.ownRun(runId);
    if (!FINISHED_STATUSES.includes(run.status)) Object.assign(run, { status, error, finishedAt: new Date() });
    return copy(run);
  }
}
