// Notebook repository: intent-named queries, each scoped to its owner in the query itself.
import "server-only";
import type { NotebookDoc, NotebookSettings, NotebookSummary } from "@/lib/notebook/cell";
import { db } from "./client";
import { cellSelect, toCellDoc } from "./cell-row";

export async function listOwnedNotebooks(ownerId: string): Promise<NotebookSummary[]> {
  const rows = await db.notebook.findMany({
    where: { ownerId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, title: true, updatedAt: true, _count: { select: { cells: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    updatedAt: r.updatedAt.toISOString(),
    cellCount: r._count.cells,
  }));
}

/** A new notebook starts with one empty code cell, like Jupyter. */
export async function createNotebook(ownerId: string, title?: string): Promise<NotebookDoc> {
  const row = await db.notebook.create({
    data: { ownerId, ...(title ? { title } : {}), cells: { create: [{ position: 0, kind: "code" }] } },
    select: notebookSelect,
  });
  return toNotebookDoc(row);
}

export async function findOwnedNotebook(ownerId: string, id: string): Promise<NotebookDoc | null> {
  const row = await db.notebook.findFirst({ where: { id, ownerId }, select: notebookSelect });
  return row ? toNotebookDoc(row) : null;
}

export async function renameOwnedNotebook(ownerId: string, id: string, title: string): Promise<boolean> {
  const { count } = await db.notebook.updateMany({ where: { id, ownerId }, data: { title } });
  return count === 1;
}

/** Merges agent settings into the notebook's (one statement, under the row lock); null: not the owner's. */
export async function updateOwnedNotebookSettings(
  ownerId: string,
  id: string,
  patch: Partial<NotebookSettings>,
): Promise<NotebookSettings | null> {
  const rows = await db.$queryRaw<{ settings: unknown }[]>`
    UPDATE "Notebook" SET settings = (CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END) || ${JSON.stringify(patch)}::jsonb,
      "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE id = ${id}::uuid AND "ownerId" = ${ownerId}::uuid
    RETURNING settings`;
  const row = rows[0];
  return row ? ((row.settings && typeof row.settings === "object" ? row.settings : {}) as NotebookSettings) : null;
}

export async function deleteOwnedNotebook(ownerId: string, id: string): Promise<boolean> {
  const { count } = await db.notebook.deleteMany({ where: { id, ownerId } });
  return count === 1;
}

const notebookSelect = {
  id: true,
  title: true,
  settings: true,
  revision: true,
  updatedAt: true,
  cells: { orderBy: { position: "asc" }, select: cellSelect },
} as const;

function toNotebookDoc(row: {
  id: string;
  title: string;
  settings: unknown;
  revision: number;
  updatedAt: Date;
  cells: Parameters<typeof toCellDoc>[0][];
}): NotebookDoc {
  return {
    id: row.id,
    title: row.title,
    settings: (row.settings && typeof row.settings === "object" ? row.settings : {}) as NotebookDoc["settings"],
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    cells: row.cells.map(toCellDoc),
  };
}
