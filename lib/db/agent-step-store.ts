// The step driver's store in PostgreSQL (lib/agent/run-store.ts), scoped to one owner: every
// query reaches the run or cell through its notebook's ownerId.
import { withResultsFirst, type ToolResultBlock } from "@/lib/agent/conversation";
import type { AgentRunStatus } from "@/lib/agent/events";
import { addUsage, costOf } from "@/lib/agent/pricing";
import { FINISHED_STATUSES, type RunRecord, type StepStore } from "@/lib/agent/run-store";
import { lockOwnedNotebook } from "./cells";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { appendMessage, jsonBlocks, lockOwnedRun, messageSelect, notebookMessages, runSelect, toRunRecord, toStoredMessage } from "./agent-rows";

const isFinished = (s: AgentRunStatus) => FINISHED_STATUSES.includes(s);

/** Adds results to the user turn after the notebook's last assistant turn, creating it if needed. */
export async function addToolResults(tx: Tx, run: RunRecord, results: ToolResultBlock[]): Promise<void> {
  if (results.length === 0) return;
  const messages = await notebookMessages(tx, run.notebookId);
  const lastAssistant = messages.findLastIndex((m) => m.role === "assistant");
  const after = lastAssistant >= 0 ? messages[lastAssistant + 1] : undefined;
  if (after && after.role === "user") {
    await tx.message.update({ where: { id: after.id }, data: { content: jsonBlocks(withResultsFirst([...after.content, ...results])) } });
  } else {
    await appendMessage(tx, { notebookId: run.notebookId, runId: run.id, role: "user", content: results });
  }
}

export async function finishOwnedRun(
  tx: Tx,
  run: RunRecord,
  status: "completed" | "failed" | "stopped",
  error: string | null,
): Promise<RunRecord> {
  if (isFinished(run.status)) return run;
  const row = await tx.agentRun.update({ where: { id: run.id }, data: { status, error, finishedAt: new Date() }, select: runSelect });
  return toRunRecord(row);
}

export function ownedStepStore(ownerId: string): StepStore {
  return {
    async getRun(runId) {
      const row = await db.agentRun.findFirst({ where: { id: runId, notebook: { ownerId } }, select: runSelect });
      return row ? toRunRecord(row) : null;
    },

    async runStatus(runId) {
      const row = await db.agentRun.findFirst({ where: { id: runId, notebook: { ownerId } }, select: { status: true } });
      return row ? (row.status as AgentRunStatus) : null;
    },

    async messages(notebookId) {
      const rows = await db.message.findMany({ where: { notebookId, notebook: { ownerId } }, orderBy: { position: "asc" }, select: messageSelect });
      return rows.map(toStoredMessage);
    },

    async createAgentCell(run, toolUseId) {
      return db.$transaction(async (tx) => {
        await lockOwnedNotebook(tx, ownerId, run.notebookId);
        const position = await tx.cell.count({ where: { notebookId: run.notebookId } });
        const cell = await tx.cell.create({
          data: { notebookId: run.notebookId, position, kind: "code", source: "", author: "agent", agentRunId: run.id, toolUseId },
          select: { id: true },
        });
        return { cellId: cell.id, index: position };
      });
    },

    async setAgentCellCode(cellId, code) {
      // The person may have deleted the cell meanwhile: then there is nothing to write.
      await db.cell.updateMany({ where: { id: cellId, notebook: { ownerId } }, data: { source: code, version: { increment: 1 } } });
    },

    async endStep(runId, input) {
      return db.$transaction(async (tx) => {
        const run = await lockOwnedRun(tx, ownerId, runId);
        const last = await tx.message.findFirst({ where: { notebookId: run.notebookId }, orderBy: { position: "desc" }, select: { id: true, position: true } });
        const persisted = run.status === "running" && last?.id === input.afterMessageId;
        if (persisted && input.assistant?.length) {
          await appendMessage(tx, { notebookId: run.notebookId, runId, role: "assistant", content: input.assistant }, last!.position + 1);
        }
        const usage = addUsage(run.usage, input.usage);
        const row = await tx.agentRun.update({
          where: { id: runId },
          data: {
            stepCount: { increment: 1 },
            ...usage,
            // Recomputed from the totals, so rounding never accumulates across steps.
            costUsd: new Prisma.Decimal(costOf(run.model, usage).toFixed(6)),
            ...(persisted ? { status: input.status, error: input.error, finishedAt: isFinished(input.status) ? new Date() : null } : {}),
          },
          select: runSelect,
        });
        return { run: toRunRecord(row), persisted };
      });
    },

    async appendToolResults(runId, results) {
      await db.$transaction(async (tx) => addToolResults(tx, await lockOwnedRun(tx, ownerId, runId), results));
    },

    async finishRun(runId, status, error) {
      return db.$transaction(async (tx) => finishOwnedRun(tx, await lockOwnedRun(tx, ownerId, runId), status, error));
    },
  };
}
