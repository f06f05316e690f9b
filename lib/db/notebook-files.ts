// Notebooks as whole documents in and out: create one from an imported .ipynb (one statement, so
// a failure leaves nothing half-way) and read one, with everything an export needs, for its owner.
import "server-only";
import type { ExportableNotebook } from "@/lib/notebook/ipynb/export-ipynb";
import type { ImportedNotebook } from "@/lib/notebook/ipynb/import-ipynb";
import type { CellExtras } from "@/lib/notebook/ipynb/nbformat";
import type { Output } from "@/lib/notebook/outputs";
import type { CellKind } from "@/lib/notebook/cell";
import { db } from "./client";
import type { Prisma } from "./generated/client";

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** The owner's notebook titles that start with `prefix` (to name an import apart from them). */
export async function findOwnedTitlesStartingWith(ownerId: string, prefix: string): Promise<Set<string>> {
  const rows = await db.notebook.findMany({
    where: { ownerId, title: { startsWith: prefix } },
    select: { title: true },
    take: 10_000,
  });
  return new Set(rows.map((r) => r.title));
}

export async function createImportedNotebook(ownerId: string, nb: ImportedNotebook): Promise<{ id: string }> {
  return db.notebook.create({
    data: {
      ownerId,
      title: nb.title,
      metadata: json(nb.metadata),
      cells: {
        create: nb.cells.map((c, position) => ({
          position,
          kind: c.kind,
          source: c.source,
          outputs: json(c.outputs),
          executionCount: c.executionCount,
          metadata: json(c.extras),
        })),
      },
    },
    select: { id: true },
  });
}

export async function findOwnedNotebookForExport(ownerId: string, id: string): Promise<ExportableNotebook | null> {
  const row = await db.notebook.findFirst({
    where: { id, ownerId },
    select: {
      title: true,
      metadata: true,
      cells: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, source: true, outputs: true, executionCount: true, metadata: true },
      },
    },
  });
  if (!row) return null;
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  return {
    title: row.title,
    metadata: obj(row.metadata),
    cells: row.cells.map((c) => ({
      id: c.id,
      kind: c.kind as CellKind,
      source: c.source,
      outputs: Array.isArray(c.outputs) ? (c.outputs as Output[]) : [],
      executionCount: c.executionCount,
      extras: obj(c.metadata) as CellExtras,
    })),
  };
}
