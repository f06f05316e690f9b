// The one query the share page runs on every request (app/s/[token]/route.ts): which notebook a
// live token opens, and a fingerprint of everything the page shows. It is the hot path of
// /s/<token>, so it goes straight to pg as a named prepared statement on a small pool of its own:
// through Prisma it costs several times the client CPU and PostgreSQL re-plans it every time
// (docs/performance.md, share page).
//
// The fingerprint: the notebook row and the set of its cells, messages and files, each row as
// (id, xmin). PostgreSQL stamps every inserted or updated row version with the id of the
// transaction that wrote it (xmin), so any committed write to these tables — from any code path,
// raw SQL included, in any commit order — changes it, and a delete changes a row count and sum.
// No column that every write path must remember to bump, and no extra lock on writes; a write that
// changes nothing visible only costs one re-render.
import "server-only";
import pg from "pg";
import { hashShareToken, isWellFormedShareToken } from "@/lib/sharing/share-token";

const VERSION_SQL = `
  SELECT n.id::text AS id, concat_ws('.', n.xmin::text,
    (SELECT count(*) || ':' || coalesce(sum(hashtextextended(c.id::text || c.xmin::text, 0)), 0) FROM "Cell" c WHERE c."notebookId" = n.id),
    (SELECT count(*) || ':' || coalesce(sum(hashtextextended(m.id::text || m.xmin::text, 0)), 0) FROM "Message" m WHERE m."notebookId" = n.id),
    (SELECT count(*) || ':' || coalesce(sum(hashtextextended(f.id::text || f.xmin::text, 0)), 0) FROM "File" f WHERE f."notebookId" = n.id)
  ) AS version, n."updatedAt" AS "updatedAt"
  FROM "ShareLink" s JOIN "Notebook" n ON n.id = s."notebookId"
  WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL`;

const holder = globalThis as { __pylotSharePool?: pg.Pool };

function pool(): pg.Pool {
  if (holder.__pylotSharePool) return holder.__pylotSharePool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  holder.__pylotSharePool = new pg.Pool({
    connectionString,
    // Each query is cheap in PostgreSQL: a few connections keep up with everything Node can serve.
    max: Number(process.env.PYLOT_SHARE_POOL_SIZE ?? 4),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  return holder.__pylotSharePool;
}

/** Null for a malformed, unknown or revoked token. */
export async function sharedNotebookVersion(
  token: string,
): Promise<{ notebookId: string; version: string; updatedAt: Date } | null> {
  if (!isWellFormedShareToken(token)) return null;
  const { rows } = await pool().query<{ id: string; version: string; updatedAt: Date }>({
    name: "pylot_share_version",
    text: VERSION_SQL,
    values: [hashShareToken(token)],
  });
  const row = rows[0];
  return row ? { notebookId: row.id, version: row.version, updatedAt: row.updatedAt } : null;
}
