// Row shapes and locks shared by the agent repositories (agent-runs.ts, agent-step-store.ts).
import { AppError } from "@/lib/http/app-error";
import { asBlocks, type Block } from "@/lib/agent/conversation";
import type { AgentRunStatus } from "@/lib/agent/events";
import type { RunRecord, StoredMessage } from "@/lib/agent/run-store";
import type { Tx } from "./client";
import type { Prisma } from "./generated/client";

export const runSelect = {
  id: true,
  notebookId: true,
  status: true,
  model: true,
  mode: true,
  stepCount: true,
  maxSteps: true,
  inputTokens: true,
  outputTokens: true,
  cacheReadTokens: true,
  cacheWriteTokens: true,
  costUsd: true,
  error: true,
  createdAt: true,
  finishedAt: true,
} as const;

interface RunRow {
  id: string;
  notebookId: string;
  status: string;
  model: string;
  mode: string;
  stepCount: number;
  maxSteps: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: Prisma.Decimal;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    notebookId: row.notebookId,
    status: row.status as AgentRunStatus,
    model: row.model,
    mode: row.mode === "approve" ? "approve" : "auto",
    stepCount: row.stepCount,
    maxSteps: row.maxSteps,
    usage: {
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      cacheReadTokens: row.cacheReadTokens,
      cacheWriteTokens: row.cacheWriteTokens,
    },
    // Decimal(12, 6): exact in the database, a float only at the edge for display and limits.
    costUsd: row.costUsd.toNumber(),
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export const messageSelect = { id: true, runId: true, role: true, content: true, position: true, createdAt: true } as const;

export function toStoredMessage(row: { id: string; runId: string | null; role: string; content: unknown; position: number; createdAt: Date }): StoredMessage {
  return {
    id: row.id,
    runId: row.runId,
    role: row.role === "assistant" ? "assistant" : "user",
    content: asBlocks(row.content),
    position: row.position,
    createdAt: row.createdAt,
  };
}

/** Blocks are plain JSON; Prisma types Json input structurally. */
export const jsonBlocks = (blocks: Block[]) => blocks as unknown as Prisma.InputJsonValue;

/**
 * Locks an owned run for the transaction, after its notebook's conversation (always notebook
 * first, then run, so two writers never wait on each other in opposite orders). 404 for a run that
 * does not exist or belongs to someone else: the two are indistinguishable on purpose.
 */
export async function lockOwnedRun(tx: Tx, ownerId: string, runId: string): Promise<RunRecord> {
  const found = await tx.agentRun.findFirst({ where: { id: runId, notebook: { ownerId } }, select: { notebookId: true } });
  if (!found) throw new AppError("not_found", "No such agent run.");
  await lockOwnedNotebookConversation(tx, ownerId, found.notebookId);
  await tx.$queryRaw`SELECT id FROM "AgentRun" WHERE id = ${runId}::uuid FOR NO KEY UPDATE`;
  return toRunRecord(await tx.agentRun.findUniqueOrThrow({ where: { id: runId }, select: runSelect }));
}

/**
 * Serializes conversation writes of one owned notebook without bumping its revision (messages
 * are not a structural change of the cells). Returns the notebook's settings.
 */
export async function lockOwnedNotebookConversation(tx: Tx, ownerId: string, notebookId: string): Promise<{ settings: unknown }> {
  const rows = await tx.$queryRaw<{ settings: unknown }[]>`
    SELECT settings FROM "Notebook" WHERE id = ${notebookId}::uuid AND "ownerId" = ${ownerId}::uuid
    FOR NO KEY UPDATE`;
  if (!rows[0]) throw new AppError("not_found", "No such notebook.");
  return rows[0];
}

export async function notebookMessages(tx: Tx, notebookId: string): Promise<StoredMessage[]> {
  const rows = await tx.message.findMany({ where: { notebookId }, orderBy: { position: "asc" }, select: messageSelect });
  return rows.map(toStoredMessage);
}

export async function appendMessage(
  tx: Tx,
  input: { notebookId: string; runId: string; role: "user" | "assistant"; content: Block[] },
): Promise<StoredMessage> {
  const last = await tx.message.findFirst({ where: { notebookId: input.notebookId }, orderBy: { position: "desc" }, select: { position: true } });
  const row = await tx.message.create({
    data: { ...input, content: jsonBlocks(input.content), position: (last?.position ?? -1) + 1 },
    select: messageSelect,
  });
  return toStoredMessage(row);
}
