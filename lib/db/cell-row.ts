// Maps database rows to the document model (one place, so every route returns the same shape).
import "server-only";
import type { CellDoc, CellKind, CellAuthor } from "@/lib/notebook/cell";
import type { Output } from "@/lib/notebook/outputs";
import { imageAttachments } from "@/lib/notebook/attachments";

export const cellSelect = {
  id: true,
  kind: true,
  source: true,
  author: true,
  outputs: true,
  executionCount: true,
  version: true,
  durationMs: true,
  metadata: true,
} as const;

interface CellRow {
  id: string;
  kind: string;
  source: string;
  author: string;
  outputs: unknown;
  executionCount: number | null;
  version: number;
  durationMs: number | null;
  /** nbformat extras (CellExtras); absent from rows read without it (the edit statement). */
  metadata?: unknown;
}

export function toCellDoc(row: CellRow): CellDoc {
  const attachments = row.kind === "markdown" ? imageAttachments(row.metadata) : undefined;
  return {
    id: row.id,
    kind: row.kind as CellKind,
    source: row.source,
    author: row.author as CellAuthor,
    outputs: Array.isArray(row.outputs) ? (row.outputs as Output[]) : [],
    executionCount: row.executionCount,
    version: row.version,
    durationMs: row.durationMs,
    ...(attachments ? { attachments } : {}),
  };
}
