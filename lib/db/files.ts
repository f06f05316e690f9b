// File repository: a notebook's uploads (data/) and the files its code wrote (output/). Every
// query names the owner, through the notebook, in the query itself.
import "server-only";
import type { FileInfo } from "@/lib/files/file-info";
import type { FileKind } from "@/lib/files/file-paths";
import { db, getPool, type Tx } from "./client";

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

/**
 * The file's first part (docs/adr/0005), enough for a preview: every preview reads less than one
 * part, and files stored before chunking keep all their bytes there.
 */
export async function findOwnedFileHead(
  ownerId: string,
  notebookId: string,
  path: string,
): Promise<{ info: FileInfo; head: Uint8Array } | null> {
  const row = await db.file.findFirst({
    where: { notebookId, path, notebook: { id: notebookId, ownerId } },
    select: { ...infoSelect, bytes: true },
  });
  return row ? { info: toInfo(row), head: row.bytes } : null;
}

/**
 * The file as a stream: its first part, then each FileChunk row read only when the response asks
 * for more, so a download holds one part in memory whatever the file's size. A replaced file has a
 * new id, so a download that overlaps a replace fails instead of mixing the two versions.
 */
export async function openOwnedFile(
  ownerId: string,
  notebookId: string,
  path: string,
): Promise<{ info: FileInfo; body: ReadableStream<Uint8Array> } | null> {
  const row = await db.file.findFirst({
    where: { notebookId, path, notebook: { id: notebookId, ownerId } },
    select: { ...infoSelect, id: true, bytes: true },
  });
  if (!row) return null;
  return { info: toInfo(row), body: fileStream(row.id, row.bytes, row.size) };
}

/** A stored file's bytes as a stream: `first` (File.bytes), then its FileChunk rows one per pull. */
export function fileStream(fileId: string, first: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  let seq = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let part: Uint8Array;
      if (seq === 0) part = first;
      else {
        const { rows } = await getPool().query<{ data: Buffer }>(
          `SELECT data FROM "FileChunk" WHERE "fileId" = $1::uuid AND seq = $2`,
          [fileId, seq],
        );
        if (!rows[0]) {
          controller.error(new Error(`file ${fileId} changed during its download`));
          return;
        }
        part = new Uint8Array(rows[0].data.buffer, rows[0].data.byteOffset, rows[0].data.byteLength);
      }
      seq++;
      sent += part.byteLength;
      if (part.byteLength > 0) controller.enqueue(part);
      if (sent >= size) controller.close();
    },
  });
}

/** Metadata only: enough to answer a revalidation (If-None-Match) without reading the bytes. */
export async function findOwnedFileInfo(ownerId: string, notebookId: string, path: string): Promise<FileInfo | null> {
  const row = await db.file.findFirst({
    where: { notebookId, path, notebook: { id: notebookId, ownerId } },
    select: infoSelect,
  });
  return row ? toInfo(row) : null;
}

export async function deleteOwnedFile(ownerId: string, notebookId: string, path: string): Promise<boolean> {
  const { count } = await db.file.deleteMany({ where: { notebookId, path, notebook: { id: notebookId, ownerId } } });
  return count === 1;
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
    select: { id: true, path: true },
  });
  const bytes = new Map<string, Uint8Array>();
  for (const image of images) bytes.set(image.path, await wholeFileBytes(image.id));
  return infos.map((r) => ({ ...toInfo(r), bytes: bytes.get(r.path) ?? null }));
}

/** Checked before an upload's body is read, so a stranger cannot make us buffer 50 MB for nothing. */
export async function ownsNotebook(ownerId: string, notebookId: string): Promise<boolean> {
  return (await db.notebook.count({ where: { id: notebookId, ownerId } })) === 1;
}

/** A file's parts joined in SQL: first part, then FileChunk rows by seq (docs/adr/0005). */
const WHOLE_FILE_SQL = `SELECT f.bytes || coalesce((SELECT string_agg(c.data, ''::bytea ORDER BY c.seq)
  FROM "FileChunk" c WHERE c."fileId" = f.id), ''::bytea) AS bytes FROM "File" f WHERE f.id = $1::uuid`;

/** All of a file's bytes in memory: only for bounded sizes (the images the model sees). */
export async function wholeFileBytes(fileId: string, on: Pick<Tx, "$queryRawUnsafe"> = db): Promise<Uint8Array> {
  const rows = await on.$queryRawUnsafe<{ bytes: Uint8Array }[]>(WHOLE_FILE_SQL, fileId);
  return rows[0]?.bytes ?? new Uint8Array();
}

/** Copies the FileChunk rows of one notebook's files to the same-path files of another (a fork). */
export async function copyFileChunks(tx: Tx, fromNotebookId: string, toNotebookId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "FileChunk" ("fileId", seq, data)
    SELECT dst.id, c.seq, c.data FROM "FileChunk" c
      JOIN "File" src ON src.id = c."fileId" AND src."notebookId" = ${fromNotebookId}::uuid
      JOIN "File" dst ON dst."notebookId" = ${toNotebookId}::uuid AND dst.path = src.path`;
}
