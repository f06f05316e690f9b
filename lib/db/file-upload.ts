// Stores an upload as it streams in (docs/adr/0005): one transaction on one pooled connection, the
// file row first, then each part as it arrives (the first in File.bytes, the rest as FileChunk
// rows), then its size and hash. A failure, a refusal or a crash rolls everything back, so a file is
// either wholly stored or not at all, and a replaced file stays as it was until the new one commits.
// The quota is checked last under a per-owner advisory lock, so two uploads at once cannot both
// fit in the space of one.
import "server-only";
import type { FileInfo } from "@/lib/files/file-info";
import type { FileKind } from "@/lib/files/file-paths";
import { AppError } from "@/lib/http/app-error";
import { getPool } from "./client";
import { ownerStoredBytes } from "./file-quota";
import { decodeText, encodeText } from "./text-codec";

export interface IncomingFile {
  path: string;
  kind: FileKind;
  mime: string;
  chunks: AsyncIterable<Uint8Array>;
  /** Called after the last part: the body's size and sha256. */
  result(): { size: number; sha256: string };
}

type InfoRow = { path: string; kind: FileKind; size: number; sha256: string; mime: string; updatedAt: Date };
const toInfo = (r: InfoRow): FileInfo => ({
  path: decodeText(r.path),
  kind: r.kind,
  size: r.size,
  sha256: r.sha256,
  mime: decodeText(r.mime),
  updatedAt: r.updatedAt.toISOString(),
});
const INFO = `path, kind::text AS kind, size, sha256, mime, "updatedAt"`;

export type QuotaCheck = (usedBytes: number) => void;

/**
 * Stores the file, or throws: 404 (not the owner's notebook), 409 (exists and not `replace`; asked
 * before the body is read), whatever `chunks` or `checkQuota` throw. `checkQuota` gets the owner's
 * total with this file counted and the file it replaces not, under the owner's lock.
 */
export async function storeOwnedFileStream(
  ownerId: string,
  notebookId: string,
  file: IncomingFile,
  replace: boolean,
  checkQuota: QuotaCheck,
): Promise<{ info: FileInfo; replaced: boolean }> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    const owned = await client.query(
      `SELECT 1 FROM "Notebook" WHERE id = $1::uuid AND "ownerId" = $2::uuid FOR SHARE`,
      [notebookId, ownerId],
    );
    if (owned.rowCount === 0) throw new AppError("not_found", "No such notebook.");
    const path = encodeText(file.path);
    const existing = await client.query<InfoRow & { id: string }>(
      `SELECT id::text, ${INFO} FROM "File" WHERE "notebookId" = $1::uuid AND path = $2 FOR UPDATE`,
      [notebookId, path],
    );
    const old = existing.rows[0];
    if (old && !replace) {
      throw new AppError("conflict", `A file named ${file.path} already exists. Replace it?`, {
        reason: "file_exists",
        file: toInfo(old),
      });
    }
    if (old) await client.query(`DELETE FROM "File" WHERE id = $1::uuid`, [old.id]);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO "File" (id, "notebookId", path, kind, bytes, size, sha256, mime, "updatedAt")
       VALUES (gen_random_uuid(), $1::uuid, $2, $3::"FileKind", '\\x'::bytea, 0, '', $4, now()) RETURNING id::text`,
      [notebookId, path, file.kind, encodeText(file.mime)],
    );
    const fileId = inserted.rows[0]!.id;
    let seq = 0;
    for await (const part of file.chunks) {
      const data = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      if (seq === 0) await client.query(`UPDATE "File" SET bytes = $2 WHERE id = $1::uuid`, [fileId, data]);
      else
        await client.query(`INSERT INTO "FileChunk" ("fileId", seq, data) VALUES ($1::uuid, $2, $3)`, [
          fileId,
          seq,
          data,
        ]);
      seq++;
    }
    const { size, sha256 } = file.result();
    const saved = await client.query<InfoRow>(
      `UPDATE "File" SET size = $2, sha256 = $3, "updatedAt" = now() WHERE id = $1::uuid RETURNING ${INFO}`,
      [fileId, size, sha256],
    );
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`pylot:quota:${ownerId}`]);
    checkQuota(await ownerStoredBytes(ownerId, client));
    await client.query("COMMIT");
    return { info: toInfo(saved.rows[0]!), replaced: old !== undefined };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    // Two uploads of one new name at once: the second waited for the first and hit the unique index.
    if ((err as { code?: string }).code === "23505") {
      throw new AppError("conflict", `Another upload of ${file.path} finished first. Replace it?`, {
        reason: "file_exists",
      });
    }
    throw err;
  } finally {
    client.release();
  }
}
