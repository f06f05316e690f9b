// How many bytes of files a principal (the owner id today) stores, and their largest files, for
// the storage quota (lib/quota/owner-quota.ts).
import "server-only";
import type { QuotaFile } from "@/lib/quota/owner-quota";
import { getPool, poolQuery } from "./client";

type Queryable = Pick<ReturnType<typeof getPool>, "query">;

export async function ownerFileBytes(ownerId: string, on: Queryable = getPool()): Promise<number> {
  const { rows } = await on.query<{ used: string }>(
    `SELECT coalesce(sum(f.size), 0)::bigint AS used FROM "File" f JOIN "Notebook" n ON n.id = f."notebookId" WHERE n."ownerId" = $1::uuid`,
    [ownerId],
  );
  return Number(rows[0]!.used);
}

export async function largestOwnerFiles(ownerId: string, limit = 3): Promise<QuotaFile[]> {
  const { rows } = await poolQuery<QuotaFile>({
    text: `SELECT n.id::text AS "notebookId", n.title AS "notebookTitle", f.path, f.size
      FROM "File" f JOIN "Notebook" n ON n.id = f."notebookId" WHERE n."ownerId" = $1::uuid
      ORDER BY f.size DESC, f.path LIMIT $2::int`,
    values: [ownerId, limit],
  });
  return rows;
}
