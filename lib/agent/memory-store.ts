// A StepStore kept in memory: the step driver without a database, for the evaluation harness (one
// store per task) and the unit tests. It follows the PostgreSQL store's rules (lib/db/agent-runs.ts,
// agent-step-store.ts): a step is persisted only while the run is running and the conversation
// still ends where the step began; tool results go first in their user turn.
import type { Block, ToolResultBlock, ToolUseBlock } from "./conversation";
import { pendingToolUses, withResultsFirst } from "./conversation";
import { addUsage, defaultModel, ZERO_USAGE } from "./pricing";
import { CURRENT_PROMPT_VERSION } from "./prompts/registry";
import { ACTIVE_STATUSES, FINISHED_STATUSES, type RunRecord, type StepStore, type StoredMessage } from "./run-store";

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

  /** A new run whose first user turn is `userContent`, as createRun does in the app. */
  startRun(userContent: Block[], over: Partial<RunRecord> = {}): RunRecord {
    const run = this.addRun(over);
    this.push(run.id, "user", userContent);
    return { ...run };
  }

  push(runId: string, role: "user" | "assistant", content: Block[]): void {
    this.conversation.push({
      id: `m${++this.seq}`,
      runId,
      role,
      content,
      position: this.conversation.length,
      createdAt: new Date(),
    });
  }

  /**
   * A cell's result for one pending tool call (the app's addObservation): returns the calls still
   * open; with none left the run is running again and the next step may start.
   */
  addObservation(
    runId: string,
    toolUseId: string,
    result: (use: ToolUseBlock) => ToolResultBlock,
  ): { run: RunRecord; remaining: ToolUseBlock[] } {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`no run ${runId}`);
    if (!ACTIVE_STATUSES.includes(run.status))
      throw new Error(`run ${runId} is ${run.status}, not waiting for a result`);
    const pending = pendingToolUses(this.conversation);
    const use = pending.find((u) => u.id === toolUseId);
    if (!use) throw new Error(`run ${runId} is not waiting for tool call ${toolUseId}`);
    this.appendResults(runId, [result(use)]);
    const remaining = pending.filter((u) => u.id !== toolUseId);
    if (remaining.length === 0) run.status = "running";
    return { run: { ...run }, remaining };
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
    run.costUsd += input.costUsd;
    if (persisted)
      Object.assign(run, {
        status: input.status,
        error: input.error,
        finishedAt: FINISHED_STATUSES.includes(input.status) ? new Date() : null,
      });
    return { run: { ...run }, persisted };
  }
  async appendToolResults(runId: string, results: ToolResultBlock[]) {
    this.appendResults(runId, results);
  }
  private appendResults(runId: string, results: ToolResultBlock[]) {
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
