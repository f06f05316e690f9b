// Daily spend from the recorded run costs ("AgentRun"."costUsd"), and the reservation a run start
// makes before it is written. Two starts near a cap must not both pass: each reservation takes a
// transaction-scoped advisory lock, counts what is already committed today and adds its own run's
// whole budget before the lock is released. Committed = the cost of today's finished runs, the
// larger of cost and budget for runs still going (they may spend up to their budget), and the
// reservations whose run has not started yet (a reservation ends when a run of its notebook starts
// after it, or after 60 s for a start that was refused on its way in).
import "server-only";
import { hasSpendLimits, type SpendLimits } from "@/lib/spend/spend-limits";
import type { SpendAnswer } from "@/lib/spend/spend-refusal";
import { getPool } from "./client";

const COMMITTED_SQL = `
  WITH now AS (SELECT clock_timestamp() AT TIME ZONE 'UTC' AS t)
  SELECT (
    coalesce((SELECT sum(CASE WHEN r.status IN ('running', 'awaiting_approval') THEN greatest(r."costUsd", $2::numeric)
        ELSE r."costUsd" END)
      FROM "AgentRun" r, now WHERE r."createdAt" >= date_trunc('day', now.t) AND ($1::uuid IS NULL OR r."ownerId" = $1::uuid)), 0)
    + coalesce((SELECT sum(s."amountUsd") FROM "SpendReservation" s, now
      WHERE s."createdAt" > now.t - interval '60 seconds' AND ($1::uuid IS NULL OR s."ownerId" = $1::uuid)
        AND NOT EXISTS (SELECT 1 FROM "AgentRun" a WHERE a."notebookId" = s."notebookId" AND a."createdAt" >= s."createdAt")), 0)
  )::float8 AS committed`;

/** Spent today (UTC) plus what running runs and pending starts may still spend; null owner: the instance. */
export async function committedSpendToday(ownerId: string | null, runBudgetUsd: number): Promise<number> {
  const { rows } = await getPool().query<{ committed: number }>(COMMITTED_SQL, [ownerId, runBudgetUsd]);
  return rows[0]!.committed;
}

/**
 * Reserves a run's whole budget against the daily caps, or says which cap it would exceed.
 * `principal` is the owner id today (a user id once there are accounts).
 */
export async function reserveDailySpend(
  principal: string,
  notebookId: string,
  runBudgetUsd: number,
  limits: SpendLimits,
): Promise<SpendAnswer> {
  if (!hasSpendLimits(limits)) return { ok: true };
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    // One lock for the instance cap (every start serializes here, briefly); per owner otherwise.
    const lockKey = limits.dailyBudgetUsd !== null ? "pylot:spend" : `pylot:spend:${principal}`;
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [lockKey]);
    const checks: ["instance" | "owner", number | null, string | null][] = [
      ["instance", limits.dailyBudgetUsd, null],
      ["owner", limits.ownerDailyBudgetUsd, principal],
    ];
    for (const [scope, capUsd, owner] of checks) {
      if (capUsd === null) continue;
      const { rows } = await client.query<{ committed: number }>(COMMITTED_SQL, [owner, runBudgetUsd]);
      const committedUsd = rows[0]!.committed;
      if (committedUsd + runBudgetUsd > capUsd + 1e-9) {
        await client.query("ROLLBACK");
        return { ok: false, scope, capUsd, committedUsd };
      }
    }
    await client.query(
      `INSERT INTO "SpendReservation" (id, "ownerId", "notebookId", "amountUsd", "createdAt")
       VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::numeric, clock_timestamp() AT TIME ZONE 'UTC')`,
      [principal, notebookId, runBudgetUsd],
    );
    await client.query(
      `DELETE FROM "SpendReservation" WHERE "createdAt" < (clock_timestamp() AT TIME ZONE 'UTC') - interval '1 day'`,
    );
    await client.query("COMMIT");
    return { ok: true };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
