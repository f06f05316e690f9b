// What a share token opens: the notebook's current saved state (cells, outputs, the agent
// conversation, its files' names), one file's bytes, or a copy into the reader's own notebooks.
// Every query goes through the token's hash and skips revoked links, so revoking is immediate.
import "server-only";
import type { TranscriptMessage } from "@/lib/agent/events";
import type { NotebookDoc } from "@/lib/notebook/cell";
import { isUuid } from "@/lib/identity/uuid";
import { hashShareToken, isWellFormedShareToken } from "@/lib/sharing/share-token";
import { db } from "./client";
import { copyFileChunks, fileStream } from "./files";
import { cellSelect, toCellDoc } from "./cell-row";
import type { Prisma } from "./generated/client";

export interface SharedFileEntry {
  path: string;
  kind: "data" | "output";
  size: number;
  mime: string;
}

export interface SharedNotebook {
  notebook: Pick<NotebookDoc, "title" | "updatedAt" | "cells">;
  messages: TranscriptMessage[];
  files: SharedFileEntry[];
}

const live = (token: string) => ({ tokenHash: hashShareToken(token), revokedAt: null });

export async function findSharedNotebook(token: string): Promise<SharedNotebook | null> {
  if (!isWellFormedShareToken(token)) return null;
  const link = await db.shareLink.findFirst({
    where: live(token),
    select: {
      notebook: {
        select: {
          title: true,
          updatedAt: true,
          settings: true,
          cells: { orderBy: { position: "asc" }, select: cellSelect },
          messages: {
            orderBy: { position: "asc" },
            select: { id: true, runId: true, role: true, content: true, createdAt: true },
          },
          files: { orderBy: { path: "asc" }, select: { path: true, kind: true, size: true, mime: true } },
        },
      },
    },
  });
  if (!link) return null;
  const nb = link.notebook;
  return {
    notebook: { title: nb.title, updatedAt: nb.updatedAt.toISOString(), cells: nb.cells.map(toCellDoc) },
    messages: nb.messages.map((m) => ({
      ...m,
      content: visibleBlocks(m.role, m.content, shareNotes(nb.settings)),
      createdAt: m.createdAt.toISOString(),
    })),
    files: nb.files,
  };
}

const shareNotes = (settings: unknown) =>
  Boolean(settings && typeof settings === "object" && (settings as { shareNotes?: unknown }).shareNotes === true);

/**
 * Only what the transcript shows leaves the server: the person's request (the last text block of a
 * user message; earlier ones are context we added), the agent's text, and a stub per tool call
 * (the cells themselves are the record). Tool results (outputs, images) are not repeated. The
 * agent's progress notes (thinking text, never its signature) only when the owner opted in.
 */
function visibleBlocks(role: string, content: unknown, withNotes: boolean): unknown[] {
  const blocks = (Array.isArray(content) ? content : []) as { type?: string; text?: unknown; thinking?: unknown }[];
  if (role === "user") {
    const last = blocks.filter((b) => b.type === "text" && typeof b.text === "string").pop();
    return last ? [{ type: "text", text: last.text }] : [];
  }
  return blocks.flatMap((b) => {
    if (b.type === "text") return [{ type: "text", text: String(b.text ?? "") }];
    if (b.type === "tool_use") return [{ type: "tool_use" }];
    if (withNotes && b.type === "thinking" && typeof b.thinking === "string" && b.thinking.trim())
      return [{ type: "thinking", thinking: b.thinking }];
    return [];
  });
}

/** The outputs of one cell of a shared notebook (for the share page's image route). */
export async function readSharedCellOutputs(token: string, cellId: string): Promise<unknown[] | null> {
  if (!isWellFormedShareToken(token) || !isUuid(cellId)) return null;
  const cell = await db.cell.findFirst({
    where: { id: cellId, notebook: { shareLinks: { some: live(token) } } },
    select: { outputs: true },
  });
  return cell && Array.isArray(cell.outputs) ? cell.outputs : null;
}

export async function readSharedFile(
  token: string,
  path: string,
): Promise<{ body: ReadableStream<Uint8Array>; size: number; mime: string; path: string } | null> {
  if (!isWellFormedShareToken(token)) return null;
  const file = await db.file.findFirst({
    where: { path, notebook: { shareLinks: { some: live(token) } } },
    select: { id: true, bytes: true, size: true, mime: true, path: true },
  });
  return (
    file && { body: fileStream(file.id, file.bytes, file.size), size: file.size, mime: file.mime, path: file.path }
  );
}

/**
 * Copies the shared notebook (title, metadata, cells with their outputs, files) into `ownerId`'s
 * notebooks in one transaction. The copy has no agent runs: its cells are the record.
 */
export async function forkSharedNotebook(token: string, ownerId: string): Promise<{ id: string } | null> {
  if (!isWellFormedShareToken(token)) return null;
  return db.$transaction(async (tx) => {
    const link = await tx.shareLink.findFirst({
      where: live(token),
      select: {
        notebook: {
          select: {
            id: true,
            title: true,
            settings: true,
            metadata: true,
            cells: {
              orderBy: { position: "asc" },
              select: {
                kind: true,
                source: true,
                author: true,
                outputs: true,
                executionCount: true,
                metadata: true,
                durationMs: true,
                lastRunAt: true,
              },
            },
            files: { select: { path: true, kind: true, bytes: true, size: true, sha256: true, mime: true } },
          },
        },
      },
    });
    if (!link) return null;
    const src = link.notebook;
    const json = (v: unknown) => v as Prisma.InputJsonValue;
    const copy = await tx.notebook.create({
      data: {
        ownerId,
        title: `Copy of ${src.title}`.slice(0, 200),
        settings: json(src.settings),
        metadata: json(src.metadata),
        cells: {
          create: src.cells.map((c, position) => ({
            ...c,
            position,
            outputs: json(c.outputs),
            metadata: json(c.metadata),
          })),
        },
      },
      select: { id: true },
    });
    if (src.files.length) {
      await tx.file.createMany({
        data: src.files.map((f) => ({ ...f, bytes: new Uint8Array(f.bytes), notebookId: copy.id })),
      });
      await copyFileChunks(tx, src.id, copy.id);
    }
    return copy;
  });
}
