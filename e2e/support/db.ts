// Direct rows for what no route on this branch writes yet (notebook files): the test database the
// global setup started, through pg.
import pg from "pg";

export async function insertFile(
  notebookId: string,
  path: string,
  content: string,
  mime = "text/plain",
): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "File" (id, "notebookId", path, kind, bytes, size, sha256, mime, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, 'data', $3, $4, 'test', $5, now())`,
      [notebookId, path, Buffer.from(content), Buffer.byteLength(content), mime],
    );
  } finally {
    await client.end();
  }
}
