// File repository: a notebook's uploads (data/) and the files its code wrote (output/). Every
// query names the owner, through the notebook, in the query itself.
import "server-only";
import type { FileInfo } from "@/lib/files/file-info";
import type { FileKind } from "@/lib/files/file-paths";
import { AppError } from "@/lib/http/app-error";
import { db, type Tx } from "./client";

const infoSelect = { path: true, kind: true, size: true, sha256: true, mime: true, updatedAt: true } as const;

type InfoRow = { path: string; kind: FileKind; size: number; sha256: string; mime: string; updatedAt: Date };
const toInfo = (r: InfoRow): FileInfo => ({
  path: r.path,
  kind: r.kind,
  size: r.size,
  sha256: r.sha256,
  mime: r.mime,
  updatedAt: r.updatedAt.toISOString(),
});

/** The notebook's files, data/ first, then by path; null when the notebook is not the owner's. */
export async function listOwnedFiles(ownerId: string, notebookId: string): Promise<FileInfo[] | null> {
  const row = await db.notebook.findFirst({
    where: { id: notebookId, ownerId },
    select: { files: { select: infoSelect, orderBy: [{ kind: "asc" }, { path: "asc" }] } },
  });
  return row ? row.files.map(toInfo) : null;
}

export async function findOwnedFile(
  ownerId: string,
  notebookId: string,
  path: string,
): Promise<{ info: FileInfo; bytes: Uint8Array } | null> {
  const row = await db.file.findFirst({
    where: { notebookId, path, notebook: { id: notebookId, ownerId } },
    select: { ...infoSelect, bytes: true },
  });
  return row ? { info: toInfo(row), bytes: row.bytes } : null;
}

/** Metadata only: enough to answer a revalidation (If-None-Match) without reading the bytes. */
export async function findOwnedFileInfo(ownerId: string, notebookId: string, path: string): Promise<FileInfo | null> {
  const row = await db.file.findFirst({
    where: { notebookId, path, notebook: { id: notebookId, ownerId } },
    select: infoSelect,
  });
  return row ? toInfo(row) : null;
}

export interface NewFile {
  path: string;
  kind: FileKind;
  bytes: Uint8Array;
  sha256: string;
  mime: string;
}

/**
 * Stores a file. Without `replace`, an existing file of that path is a 409 (the page then asks
 * the person); with it, the file is overwritten. Returns whether it replaced one.
 */
export async function saveOwnedFile(
  ownerId: string,
  notebookId: string,
  file: NewFile,
  replace: boolean,
): Promise<{ info: FileInfo; replaced: boolean }> {
  return db.$transaction(async (tx) => {
    await lockOwnedNotebookForFiles(tx, ownerId, notebookId);
    const existing = await tx.file.findUnique({
      where: { notebookId_path: { notebookId, path: file.path } },
      select: infoSelect,
    });
    if (existing && !replace) {
      throw new AppError("conflict", `A file named ${file.path} already exists. Replace it?`, {
        reason: "file_exists",
        file: toInfo(existing),
      });
    }
    const data = {
      kind: file.kind,
      bytes: file.bytes as Uint8Array<ArrayBuffer>,
      size: file.bytes.length,
      sha256: file.sha256,
      mime: file.mime,
    };
    const row = await tx.file.upsert({
      where: { notebookId_path: { notebookId, path: file.path } },
      create: { notebookId, path: file.path, ...data },
      update: data,
      select: infoSelect,
    });
    return { info: toInfo(row), replaced: existing !== null };
  });
}

export async function deleteOwnedFile(ownerId: string, notebookId: string, path: string): Promise<boolean> {
  const { count } = await db.file.deleteMany({ where: { notebookId, path, notebook: { id: notebookId, ownerId } } });
  return count === 1;
}

/**
 * Holds the notebook row (shared) for the transaction, so two uploads of one name serialize on
 * the unique index instead of failing, and a deleted notebook cannot gain files.
 */
async function lockOwnedNotebookForFiles(tx: Tx, ownerId: string, notebookId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "Notebook" WHERE id = ${notebookId}::uuid AND "ownerId" = ${ownerId}::uuid FOR SHARE`;
  if (rows.length === 0) throw new AppError("not_found", "No such notebook.");
}

/**
 * Files for the agent's context, in one query: metadata and the first `headBytes` bytes of each
 * (never the whole file), at most `limit` of them, and how many there are in all.
 */
export async function contextFilesOf(
  tx: Tx,
  notebookId: string,
  headBytes: number,
  limit: number,
): Promise<{ files: (FileInfo & { head: Uint8Array })[]; total: number }> {
  const rows = await tx.$queryRaw<(InfoRow & { head: Uint8Array; total: bigint })[]>`
    SELECT path, kind::text AS kind, size, sha256, mime, "updatedAt", substring(bytes FROM 1 FOR ${headBytes}::int) AS head, count(*) OVER () AS total
    FROM "File" WHERE "notebookId" = ${notebookId}::uuid
    ORDER BY kind ASC, path ASC LIMIT ${limit}::int`;
  return { files: rows.map((r) => ({ ...toInfo(r), head: r.head })), total: rows.length ? Number(rows[0]!.total) : 0 };
}

/**
 * Output files named in an agent cell's observation, if they belong to the run's notebook (and
 * owner); images up to `maxImageBytes` come with their bytes, so the model can see them.
 */
export async function filesForObservation(
  ownerId: string,
  runId: string,
  paths: readonly string[],
  imageMimes: readonly string[],
  maxImageBytes: number,
): Promise<(FileInfo & { bytes: Uint8Array | null })[]> {
  if (paths.length === 0) return [];
  const where = { path: { in: [...paths] }, notebook: { ownerId, runs: { some: { id: runId } } } };
  const infos = await db.file.findMany({ where, select: infoSelect, orderBy: { path: "asc" } });
  const images = await db.file.findMany({
    where: { ...where, mime: { in: [...imageMimes] }, size: { lte: maxImageBytes } },
    select: { path: true, bytes: true },
  });
  const bytes = new Map(images.map((i) => [i.path, i.bytes]));
  return infos.map((r) => ({ ...toInfo(r), bytes: bytes.get(r.path) ?? null }));
}

/** Checked before an upload's body is read, so a stranger cannot make us buffer 50 MB for nothing. */
export async function ownsNotebook(ownerId: string, notebookId: string): Promise<boolean> {
  return (await db.notebook.count({ where: { id: notebookId, ownerId } })) === 1;
}
