// Spend per principal per day from the recorded run costs ("AgentRun"."costUsd"), for the admin
// page: the last SPEND_DAYS days (UTC), with the account's email where the owner is an account
// (anonymous owners count as users for the caps, under their owner id).
import "server-only";
import { poolQuery } from "./client";

export const SPEND_DAYS = 14;

export interface SpendCell {
  ownerId: string;
  /** null: an anonymous owner (no account). */
  email: string | null;
  /** YYYY-MM-DD, UTC. */
  day: string;
  costUsd: number;
  runs: number;
}

export async function spendPerOwnerPerDay(days = SPEND_DAYS): Promise<SpendCell[]> {
  const { rows } = await poolQuery<SpendCell>({
    text: `
      WITH since AS (SELECT date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') - ($1::int - 1) * interval '1 day' AS t)
      SELECT r."ownerId"::text AS "ownerId", u.email, to_char(date_trunc('day', r."createdAt"), 'YYYY-MM-DD') AS day,
        sum(r."costUsd")::float8 AS "costUsd", count(*)::int AS runs
      FROM "AgentRun" r CROSS JOIN since LEFT JOIN "User" u ON u.id = r."ownerId"
      WHERE r."createdAt" >= since.t
      GROUP BY r."ownerId", u.email, date_trunc('day', r."createdAt")
      ORDER BY day DESC, "costUsd" DESC`,
    values: [days],
  });
  return rows;
}

/** The cost of every run started today (UTC) on the instance. */
export async function instanceSpendToday(): Promise<number> {
  const { rows } = await poolQuery<{ total: number }>({
    text: `SELECT coalesce(sum("costUsd"), 0)::float8 AS total FROM "AgentRun"
      WHERE "createdAt" >= date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC')`,
    values: [],
  });
  return rows[0]!.total;
}
