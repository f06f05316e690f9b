// Agent run repository: stop, resume and the panel's history (a run's start is run-start.ts,
// a cell's result tool-result.ts). Each write is one transaction holding the notebook's
// conversation lock, then the run's; ownership is checked through the notebook in every query.
import "server-only";
import { pendingToolUses, textOf, type ToolResultBlock, type ToolUseBlock } from "@/lib/agent/conversation";
import {
  FINISHED_STATUSES,
  type PendingCall,
  type ResumePlan,
  type RunRecord,
  type StoredMessage,
} from "@/lib/agent/run-store";
import { lockOwnedNotebook } from "../cells";
import { db, type Tx } from "../client";
import { lockOwnedRun, messageSelect, notebookMessages, runSelect, toRunRecord, toStoredMessage } from "./rows";
import { addToolResults, finishOwnedRun } from "./step-store";

/**
 * Stops a run (idempotent). Open tool calls get `stopped` as their result, so the conversation
 * stays a valid history for the next request.
 */
export async function stopRun(
  ownerId: string,
  runId: string,
  stopped: Omit<ToolResultBlock, "tool_use_id">,
): Promise<RunRecord> {
  return db.$transaction(async (tx) => {
    const run = await lockOwnedRun(tx, ownerId, runId);
    if (FINISHED_STATUSES.includes(run.status)) return run;
    const pending = pendingToolUses(await notebookMessages(tx, run.notebookId));
    await addToolResults(
      tx,
      run,
      pending.map((u): ToolResultBlock => {
        const { type, ...rest } = stopped;
        return { type, tool_use_id: u.id, ...rest };
      }),
    );
    return finishOwnedRun(tx, run, "stopped", null);
  });
}

/** Decides how a run left running or interrupted continues, and marks it active again. */
export async function prepareResume(ownerId: string, runId: string): Promise<ResumePlan> {
  return db.$transaction(async (tx) => {
    const run = await lockOwnedRun(tx, ownerId, runId);
    if (FINISHED_STATUSES.includes(run.status)) return { kind: "finished", run };
    const latest = await tx.agentRun.findFirst({
      where: { notebookId: run.notebookId },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (latest?.id !== runId) return { kind: "not_latest", run };
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
      return {
        kind: "tool_calls",
        run: await setStatus(run.mode === "approve" ? "awaiting_approval" : "running"),
        calls,
      };
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
      data: {
        notebookId: run.notebookId,
        position,
        kind: "code",
        source: code,
        version: 2,
        author: "agent",
        agentRunId: run.id,
        toolUseId: use.id,
      },
      select: { id: true },
    });
    calls.push({ toolUseId: use.id, cellId: created.id, index: position, code, recreated: true });
  }
  return calls;
}

export async function listNotebookRuns(
  ownerId: string,
  notebookId: string,
): Promise<{ runs: RunRecord[]; messages: StoredMessage[] } | null> {
  const notebook = await db.notebook.findFirst({ where: { id: notebookId, ownerId }, select: { id: true } });
  if (!notebook) return null;
  const [runs, messages] = await Promise.all([
    db.agentRun.findMany({
      where: { notebookId, notebook: { ownerId } },
      orderBy: { createdAt: "asc" },
      select: runSelect,
    }),
    db.message.findMany({
      where: { notebookId, notebook: { ownerId } },
      orderBy: { position: "asc" },
      select: messageSelect,
    }),
  ]);
  return { runs: runs.map(toRunRecord), messages: messages.map(toStoredMessage) };
}
