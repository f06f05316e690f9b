// Cell repository. Structural changes (insert, delete, reorder) lock the notebook row and bump
// its revision, so concurrent tabs serialize; source edits use the cell's version to detect conflicts.
import type { CellDoc, CellKind, CellAuthor } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import { AppError } from "@/lib/http/app-error";
import { db, type Tx } from "./client";
import type { Prisma } from "./generated/client";
import { cellSelect, toCellDoc } from "./cell-row";

/** Bumps the revision of an owned notebook, holding its row lock until the transaction ends. */
export async function lockOwnedNotebook(tx: Tx, ownerId: string, notebookId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ revision: number }[]>`
    UPDATE "Notebook" SET revision = revision + 1, "updatedAt" = now()
    WHERE id = ${notebookId}::uuid AND "ownerId" = ${ownerId}::uuid
    RETURNING revision`;
  const row = rows[0];
  if (!row) throw new AppError("not_found", "No such notebook.");
  return row.revision;
}

export async function insertOwnedCell(
  ownerId: string,
  notebookId: string,
  input: { index: number; kind: CellKind; source: string; author?: CellAuthor },
): Promise<{ cell: CellDoc; revision: number }> {
  return db.$transaction(async (tx) => {
    const revision = await lockOwnedNotebook(tx, ownerId, notebookId);
    const count = await tx.cell.count({ where: { notebookId } });
    const position = Math.max(0, Math.min(input.index, count));
    await tx.cell.updateMany({
      where: { notebookId, position: { gte: position } },
      data: { position: { increment: 1 } },
    });
    const row = await tx.cell.create({
      data: { notebookId, position, kind: input.kind, source: input.source, author: input.author ?? "person" },
      select: cellSelect,
    });
    return { cell: toCellDoc(row), revision };
  });
}

export async function deleteOwnedCell(ownerId: string, notebookId: string, cellId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const revision = await lockOwnedNotebook(tx, ownerId, notebookId);
    const deleted = await tx.cell.findFirst({ where: { id: cellId, notebookId }, select: { position: true } });
    if (!deleted) throw new AppError("not_found", "No such cell: it may have been deleted in another tab.");
    await tx.cell.delete({ where: { id: cellId } });
    await tx.cell.updateMany({
      where: { notebookId, position: { gt: deleted.position } },
      data: { position: { decrement: 1 } },
    });
    return revision;
  });
}

/** Sets the order of all cells at once; the ids must be exactly the notebook's cells. */
export async function reorderOwnedCells(ownerId: string, notebookId: string, cellIds: string[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const revision = await lockOwnedNotebook(tx, ownerId, notebookId);
    const positions = cellIds.map((_, i) => i);
    const updated = await tx.$executeRaw`
      UPDATE "Cell" AS c SET position = v.pos
      FROM unnest(${cellIds}::uuid[], ${positions}::int[]) AS v(id, pos)
      WHERE c.id = v.id AND c."notebookId" = ${notebookId}::uuid`;
    const total = await tx.cell.count({ where: { notebookId } });
    if (updated !== cellIds.length || total !== cellIds.length) {
      throw new AppError("conflict", "The notebook's cells changed in another tab; reload to see them.");
    }
    return revision;
  });
}

/**
 * Saves a person's edit of a cell's source or kind. `baseVersion` is the version the edit
 * started from; if another tab saved in between, nothing is written and the current cell
 * comes back in a 409 so the person can choose.
 */
export async function editOwnedCell(
  ownerId: string,
  notebookId: string,
  cellId: string,
  baseVersion: number,
  patch: { source?: string; kind?: CellKind },
): Promise<CellDoc> {
  const where = { id: cellId, notebookId, notebook: { ownerId } };
  const { count } = await db.cell.updateMany({
    where: { ...where, version: baseVersion },
    data: { ...patch, version: { increment: 1 }, editedAt: new Date() },
  });
  const row = await db.cell.findFirst({ where, select: cellSelect });
  if (!row) throw new AppError("not_found", "No such cell: it may have been deleted in another tab.");
  if (count === 0) {
    throw new AppError("conflict", "This cell was changed in another tab or window.", { cell: toCellDoc(row) });
  }
  return toCellDoc(row);
}

/** Outputs belong to the latest run, whoever ran it: last write wins, no version check. */
export async function saveOwnedCellOutputs(
  ownerId: string,
  notebookId: string,
  cellId: string,
  run: { outputs: Output[]; executionCount: number | null; durationMs: number | null },
): Promise<void> {
  const { count } = await db.cell.updateMany({
    where: { id: cellId, notebookId, notebook: { ownerId } },
    data: {
      // Validated nbformat outputs (zod at the route); Prisma types Json input structurally.
      outputs: run.outputs as unknown as Prisma.InputJsonValue,
      executionCount: run.executionCount,
      durationMs: run.durationMs,
      lastRunAt: new Date(),
    },
  });
  if (count === 0) throw new AppError("not_found", "No such cell: it may have been deleted in another tab.");
}
