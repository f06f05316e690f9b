// The step driver's part of the run store in PostgreSQL (lib/agent/run-store.ts), scoped to one
// owner: every query reaches the run or cell through its notebook's ownerId.
import "server-only";
import { withResultsFirst, type ToolResultBlock } from "@/lib/agent/conversation";
import type { AgentRunStatus } from "@/lib/agent/events";
import {
  FINISHED_STATUSES,
  RunNotFound,
  type RunRecord,
  type StepStore,
  type StoredMessage,
} from "@/lib/agent/run-store";
import { db, poolQuery, type Tx } from "../client";
import { jsonParam } from "../text-codec";
import {
  appendMessage,
  jsonBlocks,
  lockOwnedRun,
  messageSelect,
  notebookMessages,
  runSelect,
  toRunRecord,
  toStoredMessage,
} from "./rows";
import { fromRunJson, jsonValue, type RunJson } from "./json";
import { batchedRunStatus } from "../run-status-batcher";

/** The step's cost is added to the run's exact decimal total there (functions.sql). */
const END_STEP_SQL =
  "SELECT pylot_end_step($1::uuid, $2::uuid, $3::uuid, $4::jsonb, $5, $6, $7::int, $8::int, $9::int, $10::int, $11::numeric) AS answer";
const CREATE_CELL_SQL = "SELECT pylot_create_agent_cell($1::uuid, $2::uuid, $3::uuid, $4) AS answer";

const isFinished = (s: AgentRunStatus) => FINISHED_STATUSES.includes(s);

/**
 * Adds results to the user turn after the notebook's last assistant turn, creating it if needed.
 * Returns the conversation as it now is; `messages` may be passed when the caller has just read it.
 */
export async function addToolResults(
  tx: Tx,
  run: RunRecord,
  results: ToolResultBlock[],
  messages?: StoredMessage[],
): Promise<StoredMessage[]> {
  messages ??= await notebookMessages(tx, run.notebookId);
  if (results.length === 0) return messages;
  const lastAssistant = messages.findLastIndex((m) => m.role === "assistant");
  const after = lastAssistant >= 0 ? messages[lastAssistant + 1] : undefined;
  if (after && after.role === "user") {
    const content = withResultsFirst([...after.content, ...results]);
    await tx.message.update({ where: { id: after.id }, data: { content: jsonBlocks(content) } });
    return messages.map((m) => (m === after ? { ...m, content } : m));
  }
  const turn = await appendMessage(
    tx,
    { notebookId: run.notebookId, runId: run.id, role: "user", content: results },
    (messages.at(-1)?.position ?? -1) + 1,
  );
  return [...messages, turn];
}

export async function finishOwnedRun(
  tx: Tx,
  run: RunRecord,
  status: "completed" | "failed" | "stopped",
  error: string | null,
): Promise<RunRecord> {
  if (isFinished(run.status)) return run;
  const row = await tx.agentRun.update({
    where: { id: run.id },
    data: { status, error, finishedAt: new Date() },
    select: runSelect,
  });
  return toRunRecord(row);
}

export function ownedStepStore(ownerId: string): StepStore {
  return {
    async getRun(runId) {
      const row = await db.agentRun.findFirst({ where: { id: runId, notebook: { ownerId } }, select: runSelect });
      return row ? toRunRecord(row) : null;
    },

    async runStatus(runId) {
      return batchedRunStatus(ownerId, runId);
    },

    async messages(notebookId) {
      const rows = await db.message.findMany({
        where: { notebookId, notebook: { ownerId } },
        orderBy: { position: "asc" },
        select: messageSelect,
      });
      return rows.map(toStoredMessage);
    },

    async createAgentCell(run, toolUseId) {
      const { rows } = await poolQuery<{
        answer: { error: "not_found" } | { error?: undefined; cellId: string; index: number };
      }>({
        name: "agent_create_cell",
        text: CREATE_CELL_SQL,
        values: [ownerId, run.notebookId, run.id, toolUseId],
      });
      const answer = rows[0]!.answer;
      if (answer.error) throw new RunNotFound("notebook");
      return { cellId: answer.cellId, index: answer.index };
    },

    async setAgentCellCode(cellId, code) {
      // The person may have deleted the cell meanwhile: then there is nothing to write.
      await db.cell.updateMany({
        where: { id: cellId, notebook: { ownerId } },
        data: { source: code, version: { increment: 1 } },
      });
    },

    async endStep(runId, input) {
      // One statement (pylot_end_step): the step's end is on the way to the run_end event.
      const u = input.usage;
      const { rows } = await poolQuery<{ answer: unknown }>({
        name: "agent_end_step",
        text: END_STEP_SQL,
        values: [
          ownerId,
          runId,
          input.afterMessageId,
          input.assistant?.length ? jsonParam(input.assistant) : null,
          input.status,
          input.error,
          u.inputTokens,
          u.outputTokens,
          u.cacheReadTokens,
          u.cacheWriteTokens,
          input.costUsd.toFixed(9),
        ],
      });
      const answer = jsonValue<{ error: "not_found" } | { error?: undefined; run: RunJson; persisted: boolean }>(
        rows[0]!.answer,
      );
      if (answer.error) throw new RunNotFound();
      return { run: fromRunJson(answer.run), persisted: answer.persisted };
    },

    async appendToolResults(runId, results) {
      await db.$transaction(async (tx) => addToolResults(tx, await lockOwnedRun(tx, ownerId, runId), results));
      return;
    },

    async finishRun(runId, status, error) {
      return db.$transaction(async (tx) => finishOwnedRun(tx, await lockOwnedRun(tx, ownerId, runId), status, error));
    },
  };
}
