// How many bytes a principal (the owner id) stores, and what takes the most room, for the storage
// quota (lib/quota/owner-quota.ts). Both files and the saved outputs of cells count: a cell's
// outputs (text, images as base64, HTML) are stored with the notebook and can be as big as a file.
// Outputs are measured as the bytes of their stored JSON text.
import "server-only";
import type { QuotaFile } from "@/lib/quota/owner-quota";
import { getPool, poolQuery } from "./client";

type Queryable = Pick<ReturnType<typeof getPool>, "query">;

/** What the 413 calls a notebook's cell outputs in its list of the largest things to delete. */
export const CELL_OUTPUTS_PATH = "cell outputs";

const OUTPUT_BYTES = `coalesce(sum(octet_length(c.outputs::text)) FILTER (WHERE c.outputs <> '[]'::jsonb), 0)`;

export async function ownerStoredBytes(ownerId: string, on: Queryable = getPool()): Promise<number> {
  const { rows } = await on.query<{ used: string }>(
    `SELECT (
       (SELECT coalesce(sum(f.size), 0) FROM "File" f JOIN "Notebook" n ON n.id = f."notebookId" WHERE n."ownerId" = $1::uuid)
       + (SELECT ${OUTPUT_BYTES} FROM "Cell" c JOIN "Notebook" n ON n.id = c."notebookId" WHERE n."ownerId" = $1::uuid)
     )::bigint AS used`,
    [ownerId],
  );
  return Number(rows[0]!.used);
}

/** The largest files, and notebooks' cell outputs taken together, biggest first. */
export async function largestOwnerFiles(ownerId: string, limit = 3): Promise<QuotaFile[]> {
  const { rows } = await poolQuery<QuotaFile & { size: string | number }>({
    text: `SELECT * FROM (
        SELECT n.id::text AS "notebookId", n.title AS "notebookTitle", f.path, f.size::bigint AS size
          FROM "File" f JOIN "Notebook" n ON n.id = f."notebookId" WHERE n."ownerId" = $1::uuid
        UNION ALL
        SELECT n.id::text, n.title, '${CELL_OUTPUTS_PATH}', ${OUTPUT_BYTES}::bigint
          FROM "Cell" c JOIN "Notebook" n ON n.id = c."notebookId" WHERE n."ownerId" = $1::uuid
         GROUP BY n.id, n.title
      ) t WHERE t.size > 0 ORDER BY t.size DESC, t.path LIMIT $2::int`,
    values: [ownerId, limit],
  });
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}
