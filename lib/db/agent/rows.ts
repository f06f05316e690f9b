// Row shapes and locks shared by the agent repositories (runs.ts, step-store.ts).
import "server-only";
import { asBlocks, type Block } from "@/lib/agent/conversation";
import type { AgentRunStatus } from "@/lib/agent/events";
import { RunNotFound, type RunRecord, type StoredMessage } from "@/lib/agent/run-store";
import type { Tx } from "../client";
import { EFFORTS, type Effort } from "@/lib/agent/models/model-options";

const isEffort = (e: string | null): e is Effort => (EFFORTS as readonly (string | null)[]).includes(e);
import { Prisma } from "../generated/client";

export const runSelect = {
  id: true,
  notebookId: true,
  status: true,
  model: true,
  mode: true,
  effort: true,
  promptVersion: true,
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

/** An agent run's columns that read the same through Prisma and as JSON from the SQL functions. */
export interface RunFields {
  id: string;
  notebookId: string;
  status: string;
  model: string;
  mode: string;
  effort: string | null;
  promptVersion: string | null;
  stepCount: number;
  maxSteps: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  error: string | null;
}

interface RunRow extends RunFields {
  /** Prisma's Decimal, or the exact decimal text the SQL functions return. */
  costUsd: Prisma.Decimal | string;
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
    effort: isEffort(row.effort) ? row.effort : null,
    promptVersion: row.promptVersion,
    stepCount: row.stepCount,
    maxSteps: row.maxSteps,
    usage: {
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      cacheReadTokens: row.cacheReadTokens,
      cacheWriteTokens: row.cacheWriteTokens,
    },
    // Decimal(12, 6): exact in the database, a float only at the edge for display and limits.
    costUsd: Number(row.costUsd),
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

export const messageSelect = {
  id: true,
  runId: true,
  role: true,
  content: true,
  position: true,
  createdAt: true,
} as const;

export function toStoredMessage(row: {
  id: string;
  runId: string | null;
  role: string;
  content: unknown;
  position: number;
  createdAt: Date;
}): StoredMessage {
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
 * Two round trips (this is on every agent step's path): lock the owned notebook found through
 * the run, then lock and read the run row.
 */
export async function lockOwnedRun(tx: Tx, ownerId: string, runId: string): Promise<RunRecord> {
  const owned = await tx.$queryRaw<{ id: string }[]>`
    SELECT n.id::text AS id FROM "Notebook" n
    WHERE n.id = (SELECT r."notebookId" FROM "AgentRun" r WHERE r.id = ${runId}::uuid) AND n."ownerId" = ${ownerId}::uuid
    FOR NO KEY UPDATE`;
  if (!owned[0]) throw new RunNotFound();
  const rows = await tx.$queryRaw<RawRunRow[]>`
    SELECT id::text AS id, "notebookId"::text AS "notebookId", status::text AS status, model, mode, effort, "promptVersion", "stepCount", "maxSteps",
      "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "costUsd"::text AS "costUsd", error, "createdAt", "finishedAt"
    FROM "AgentRun" WHERE id = ${runId}::uuid
    FOR NO KEY UPDATE`;
  const row = rows[0];
  if (!row) throw new RunNotFound();
  return toRunRecord({ ...row, costUsd: new Prisma.Decimal(row.costUsd) });
}

type RawRunRow = Omit<RunRow, "costUsd"> & { costUsd: string };

export async function notebookMessages(tx: Tx, notebookId: string): Promise<StoredMessage[]> {
  const rows = await tx.message.findMany({
    where: { notebookId },
    orderBy: { position: "asc" },
    select: messageSelect,
  });
  return rows.map(toStoredMessage);
}

/**
 * Appends a turn to the notebook's conversation (whose lock the caller holds). `position` may be
 * passed when the caller has just read the conversation, saving a round trip.
 */
export async function appendMessage(
  tx: Tx,
  input: { notebookId: string; runId: string; role: "user" | "assistant"; content: Block[] },
  position?: number,
): Promise<StoredMessage> {
  if (position === undefined) {
    const last = await tx.message.findFirst({
      where: { notebookId: input.notebookId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    position = (last?.position ?? -1) + 1;
  }
  const row = await tx.message.create({
    data: { ...input, content: jsonBlocks(input.content), position },
    select: messageSelect,
  });
  return toStoredMessage(row);
}
