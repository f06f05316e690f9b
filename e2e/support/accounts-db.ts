// Test fixtures written straight into the shared e2e database: an invite link (as an admin would
// make one, under the e2e servers' secret), a user made admin, and recorded run costs. The e2e
// database is shared by every spec, so nothing here depends on which account came first.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inviteTokenFor } from "../../lib/admin/invite-token";
import { E2E_SECRET } from "./config";

async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh single-use invite link's token. */
export async function makeInviteToken(): Promise<string> {
  const id = randomUUID();
  const { token, tokenHash } = inviteTokenFor(id, E2E_SECRET);
  await withDb((c) =>
    c.query(`INSERT INTO "Invite" (id, "tokenHash", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [
      id,
      tokenHash,
    ]),
  );
  return token;
}

export async function makeAdmin(email: string): Promise<void> {
  await withDb((c) => c.query(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [email]));
}

/** A finished run of today with this cost, on the account's notebook, as the agent records one. */
export async function recordUserSpend(email: string, notebookId: string, costUsd: number): Promise<void> {
  await withDb((c) =>
    c.query(
      `INSERT INTO "AgentRun" (id, "notebookId", "ownerId", prompt, status, model, "costUsd", "createdAt", "finishedAt")
       SELECT gen_random_uuid(), $2, u.id, 'earlier', 'completed', 'claude-sonnet-5-5', $3,
         now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM "User" u WHERE u.email = $1`,
      [email, notebookId, costUsd],
    ),
  );
}
