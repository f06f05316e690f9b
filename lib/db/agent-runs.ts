// Agent run repository: starting a run (with its first user turn), tool results from the browser,
// stop, resume and the panel's history. Each write is one transaction holding the notebook's
// conversation lock, then the run's; ownership is checked through the notebook in every query.
import { pendingToolUses, textOf, type Block, type ToolResultBlock, type ToolUseBlock } from "@/lib/agent/conversation";
import type { ContextCell } from "@/lib/agent/notebook-context";
import { FILE_CONTEXT_LIMITS } from "@/lib/agent/file-context";
import type { FileInfo } from "@/lib/files/file-info";
import { contextFilesOf } from "./files";
import { ACTIVE_STATUSES, FINISHED_STATUSES, type RunMode, type RunRecord, type StoredMessage } from "@/lib/agent/run-store";
import { AppError } from "@/lib/http/app-error";
import type { NotebookSettings } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import { lockOwnedNotebook } from "./cells";
import { db, type Tx } from "./client";
import type { Prisma } from "./generated/client";
import { appendMessage, lockOwnedNotebookConversation, lockOwnedRun, messageSelect, notebookMessages, runSelect, toRunRecord, toStoredMessage } from "./agent-rows";
import { addToolResults, finishOwnedRun } from "./agent-step-store";

const RATE_WINDOW_MS = 60_000;

/** What the first user turn of a run is built from. */
export interface RunStartSnapshot {
  cells: ContextCell[];
  /** When the notebook's previous run started, null if this is the first. */
  previousRequestAt: Date | null;
  /** Tool calls an earlier run left without results. */
  openToolUseIds: string[];
  /** The notebook's files (capped), each with its first bytes; fileCount is the real total. */
  files: (FileInfo & { head: Uint8Array })[];
  fileCount: number;
}

export interface CreateRunInput {
  prompt: string;
  mode: RunMode;
  /** Picks the model given the notebook's saved one. */
  chooseModel: (saved: string | undefined) => string;
  maxSteps: number;
  runsPerMinute: number;
  userContent: (snapshot: RunStartSnapshot) => Block[];
}

export async function activeRunFor(tx: Tx, notebookId: string): Promise<{ id: string } | null> {
  return tx.agentRun.findFirst({ where: { notebookId, status: { in: [...ACTIVE_STATUSES] } }, select: { id: true } });
}

/** Runs the owner started in the window, oldest first (so the caller can say when one expires). */
export async function recentRunsForOwner(tx: Tx, ownerId: string, since: Date): Promise<Date[]> {
  const rows = await tx.agentRun.findMany({
    where: { notebook: { ownerId }, createdAt: { gt: since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

interface RunStartHead {
  settings: unknown;
  activeId: string | null;
  previousAt: Date | null;
  hasInterrupted: boolean;
}

/** Creates the run with its first user turn; returns it with the whole conversation, as written. */
export async function createRun(ownerId: string, notebookId: string, input: CreateRunInput): Promise<{ run: RunRecord; turns: StoredMessage[] }> {
  return db.$transaction(async (tx) => {
    // One owner's run starts are serialized, so the per-minute count holds across app instances.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${ownerId}, 0))::text AS locked`;
    // The notebook's conversation lock and what the checks need, in one round trip (every agent
    // request waits on this transaction before its model call starts).
    const heads = await tx.$queryRaw<RunStartHead[]>`
      SELECT n.settings,
        (SELECT r.id::text FROM "AgentRun" r WHERE r."notebookId" = n.id AND r.status::text = ANY(${[...ACTIVE_STATUSES]}) LIMIT 1) AS "activeId",
        (SELECT max(r."createdAt") FROM "AgentRun" r WHERE r."notebookId" = n.id) AS "previousAt",
        EXISTS (SELECT 1 FROM "AgentRun" r WHERE r."notebookId" = n.id AND r.status = 'interrupted') AS "hasInterrupted"
      FROM "Notebook" n WHERE n.id = ${notebookId}::uuid AND n."ownerId" = ${ownerId}::uuid
      FOR NO KEY UPDATE`;
    const head = heads[0];
    if (!head) throw new AppError("not_found", "No such notebook.");
    if (head.activeId) {
      throw new AppError("run_active", "This notebook already has an agent run in progress. Stop it or let it finish before sending another request.", {
        runId: head.activeId,
      });
    }
    const now = Date.now();
    const recent = await recentRunsForOwner(tx, ownerId, new Date(now - RATE_WINDOW_MS));
    if (recent.length >= input.runsPerMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]!.getTime() + RATE_WINDOW_MS - now) / 1000));
      throw new AppError(
        "rate_limited",
        `Too many agent requests: at most ${input.runsPerMinute} per minute. Try again in ${retryAfterSeconds} s.`,
        { retryAfterSeconds },
      );
    }
    const messages = await notebookMessages(tx, notebookId);
    const cells = await tx.cell.findMany({
      where: { notebookId },
      orderBy: { position: "asc" },
      select: { kind: true, author: true, source: true, outputs: true, executionCount: true, createdAt: true, editedAt: true },
    });
    const { files, total: fileCount } = await contextFilesOf(tx, notebookId, FILE_CONTEXT_LIMITS.headBytes, FILE_CONTEXT_LIMITS.files);
    const settings = (head.settings && typeof head.settings === "object" ? head.settings : {}) as NotebookSettings;
    const model = input.chooseModel(settings.model);
    if (settings.model !== model || settings.mode !== input.mode) {
      await tx.notebook.update({
        where: { id: notebookId },
        data: { settings: { ...settings, model, mode: input.mode } as Prisma.InputJsonValue },
      });
    }
    // An interrupted run can only be resumed while it is the latest; a new request ends it.
    if (head.hasInterrupted) {
      await tx.agentRun.updateMany({
        where: { notebookId, status: "interrupted" },
        data: { status: "stopped", finishedAt: new Date(), error: "Not resumed: a new request was sent." },
      });
    }
    const run = await tx.agentRun.create({
      data: { notebookId, prompt: input.prompt, model, mode: input.mode, maxSteps: input.maxSteps, status: "running" },
      select: runSelect,
    });
    const content = input.userContent({
      cells: cells.map((c) => ({ ...c, outputs: Array.isArray(c.outputs) ? (c.outputs as Output[]) : [] })),
      previousRequestAt: head.previousAt,
      openToolUseIds: pendingToolUses(messages).map((u) => u.id),
      files,
      fileCount,
    });
    const turn = await appendMessage(tx, { notebookId, runId: run.id, role: "user", content }, (messages.at(-1)?.position ?? -1) + 1);
    return { run: toRunRecord(run), turns: [...messages, turn] };
  });
}

/**
 * Records the browser's result for one pending tool call. Returns the calls still open (another
 * result is awaited before the model is called again).
 */
export async function addObservation(
  ownerId: string,
  runId: string,
  toolUseId: string,
  result: (use: ToolUseBlock) => ToolResultBlock,
): Promise<{ run: RunRecord; remaining: ToolUseBlock[] }> {
  return db.$transaction(async (tx) => {
    let run = await lockOwnedRun(tx, ownerId, runId);
    if (!ACTIVE_STATUSES.includes(run.status)) {
      throw new AppError("conflict", `This run is ${run.status.replace("_", " ")}, so it is not waiting for a cell's result.`, { reason: "run_not_active", runStatus: run.status });
    }
    const pending = pendingToolUses(await notebookMessages(tx, run.notebookId));
    const use = pending.find((u) => u.id === toolUseId);
    if (!use) {
      const why = pending.length
        ? `it is waiting for the result of tool call ${pending.map((u) => u.id).join(", ")}, not ${toolUseId}`
        : "it is not waiting for any cell's result";
      throw new AppError("conflict", `This result does not fit the run: ${why}.`, { reason: "not_pending" });
    }
    await addToolResults(tx, run, [result(use)]);
    const remaining = pending.filter((u) => u.id !== toolUseId);
    if (remaining.length === 0 && run.status !== "running") {
      run = toRunRecord(await tx.agentRun.update({ where: { id: runId }, data: { status: "running" }, select: runSelect }));
    }
    return { run, remaining };
  });
}

/**
 * Stops a run (idempotent). Open tool calls get `stoppedResult`, so the conversation stays a
 * valid history for the next request.
 */
export async function stopRun(ownerId: string, runId: string, stoppedResult: (id: string) => ToolResultBlock): Promise<RunRecord> {
  return db.$transaction(async (tx) => {
    const run = await lockOwnedRun(tx, ownerId, runId);
    if (FINISHED_STATUSES.includes(run.status)) return run;
    const pending = pendingToolUses(await notebookMessages(tx, run.notebookId));
    await addToolResults(tx, run, pending.map((u) => stoppedResult(u.id)));
    return finishOwnedRun(tx, run, "stopped", null);
  });
}

export interface PendingCall {
  toolUseId: string;
  cellId: string;
  index: number;
  code: string;
  /** The cell had been deleted and was created again. */
  recreated: boolean;
}

export type ResumePlan =
  | { kind: "step"; run: RunRecord }
  | { kind: "tool_calls"; run: RunRecord; calls: PendingCall[] }
  | { kind: "ended"; run: RunRecord; finalText: string | null };

/** Decides how a run left running or interrupted continues, and marks it active again. */
export async function prepareResume(ownerId: string, runId: string): Promise<ResumePlan> {
  return db.$transaction(async (tx) => {
    const run = await lockOwnedRun(tx, ownerId, runId);
    if (FINISHED_STATUSES.includes(run.status)) {
      throw new AppError("conflict", `This run has already ended (${run.status}); send a new request instead.`, { reason: "run_ended", runStatus: run.status });
    }
    const latest = await tx.agentRun.findFirst({ where: { notebookId: run.notebookId }, orderBy: { createdAt: "desc" }, select: { id: true } });
    if (latest?.id !== runId) throw new AppError("conflict", "A newer run has started in this notebook, so this one cannot be resumed.", { reason: "not_latest" });
    const messages = await notebookMessages(tx, run.notebookId);
    const pending = pendingToolUses(messages);
    const setStatus = async (status: "running" | "awaiting_approval" | "completed") =>
      toRunRecord(
        await tx.agentRun.update({
          where: { id: runId },
          data: { status, error: null, finishedAt: status === "completed" ? new Date() : null },
          select: runSelect,
        }),
      );
    if (pending.length) {
      const calls = await pendingCalls(tx, ownerId, run, pending);
      return { kind: "tool_calls", run: await setStatus(run.mode === "approve" ? "awaiting_approval" : "running"), calls };
    }
    const last = messages.at(-1);
    if (last?.role === "user") return { kind: "step", run: await setStatus("running") };
    return { kind: "ended", run: await setStatus("completed"), finalText: last ? textOf(last.content) || null : null };
  });
}

async function pendingCalls(tx: Tx, ownerId: string, run: RunRecord, pending: ToolUseBlock[]): Promise<PendingCall[]> {
  const cells = await tx.cell.findMany({
    where: { notebookId: run.notebookId, toolUseId: { in: pending.map((u) => u.id) } },
    select: { id: true, toolUseId: true, source: true, position: true },
  });
  const calls: PendingCall[] = [];
  for (const use of pending) {
    const cell = cells.find((c) => c.toolUseId === use.id);
    // The cell as it is now: in approve mode the person may already have edited it.
    if (cell) {
      calls.push({ toolUseId: use.id, cellId: cell.id, index: cell.position, code: cell.source, recreated: false });
      continue;
    }
    const code = String((use.input as { code?: unknown } | null)?.code ?? "");
    await lockOwnedNotebook(tx, ownerId, run.notebookId);
    const position = await tx.cell.count({ where: { notebookId: run.notebookId } });
    const created = await tx.cell.create({
      data: { notebookId: run.notebookId, position, kind: "code", source: code, version: 2, author: "agent", agentRunId: run.id, toolUseId: use.id },
      select: { id: true },
    });
    calls.push({ toolUseId: use.id, cellId: created.id, index: position, code, recreated: true });
  }
  return calls;
}

export async function listNotebookRuns(ownerId: string, notebookId: string): Promise<{ runs: RunRecord[]; messages: StoredMessage[] } | null> {
  const notebook = await db.notebook.findFirst({ where: { id: notebookId, ownerId }, select: { id: true } });
  if (!notebook) return null;
  const [runs, messages] = await Promise.all([
    db.agentRun.findMany({ where: { notebookId, notebook: { ownerId } }, orderBy: { createdAt: "asc" }, select: runSelect }),
    db.message.findMany({ where: { notebookId, notebook: { ownerId } }, orderBy: { position: "asc" }, select: messageSelect }),
  ]);
  return { runs: runs.map(toRunRecord), messages: messages.map(toStoredMessage) };
}
