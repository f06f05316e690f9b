// Cell repository. Structural changes (insert, delete, reorder) lock the notebook row and bump
// its revision, so concurrent tabs serialize; source edits use the cell's version to detect conflicts.
import "server-only";
import type { CellDoc, CellKind, CellAuthor } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import { AppError } from "@/lib/http/app-error";
import { db, poolQuery, type Tx } from "./client";
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
  // The hot path of typing (one save per pause): one statement on the pool Prisma runs on, not
  // Prisma's update + read (each Prisma query adds client work; docs/performance.md).
  const { rows } = await poolQuery<EditedCellRow>({
    name: "cell_edit",
    text: EDIT_CELL_SQL,
    values: [cellId, notebookId, ownerId, baseVersion, patch.source ?? null, patch.kind ?? null],
  });
  const row = rows[0];
  if (!row) throw new AppError("not_found", "No such cell: it may have been deleted in another tab.");
  const cell = toCellDoc(row);
  if (!row.saved) throw new AppError("conflict", "This cell was changed in another tab or window.", { cell });
  return cell;
}

type EditedCellRow = Parameters<typeof toCellDoc>[0] & { saved: boolean };

// The owner check is in the query; the row comes back either way (saved = false: another tab
// saved since baseVersion, nothing written, the current cell goes back in the 409).
const EDIT_CELL_SQL = `
WITH target AS (
  SELECT c.id FROM "Cell" c JOIN "Notebook" n ON n.id = c."notebookId"
  WHERE c.id = $1::uuid AND c."notebookId" = $2::uuid AND n."ownerId" = $3::uuid
), edited AS (
  UPDATE "Cell" c
  SET source = COALESCE($5::text, c.source), kind = COALESCE($6::text::"CellKind", c.kind),
      version = c.version + 1, "editedAt" = now(), "updatedAt" = now()
  FROM target t WHERE c.id = t.id AND c.version = $4::int
  RETURNING c.id, c.kind::text AS kind, c.source, c.author::text AS author, c.outputs,
            c."executionCount", c.version, c."durationMs"
)
SELECT true AS saved, e.* FROM edited e
UNION ALL
SELECT false, c.id, c.kind::text, c.source, c.author::text, c.outputs, c."executionCount", c.version, c."durationMs"
FROM "Cell" c JOIN target t ON t.id = c.id
WHERE NOT EXISTS (SELECT 1 FROM edited)`;

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
