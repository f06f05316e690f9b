// The daily spend caps (issue 14 item 4): runs refused with a clear message once the recorded run
// costs of today reach a cap, per owner and for the instance, and two starts at once near a cap
// cannot both pass (each reserves its run's whole budget under a lock).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { committedSpendToday } from "@/lib/db/spend";
import {
  createNotebook,
  newOwner,
  nonce,
  readEvents,
  startRunRequest,
  useFakeAnthropic,
  withEnv,
} from "./agent-harness";

useFakeAnthropic();
const client = new pg.Client({ connectionString: inject("databaseUrl") });
beforeAll(() => client.connect());
afterAll(() => client.end());

/** A finished run of today with this cost, as the agent records it. */
async function recordSpend(ownerId: string, notebookId: string, costUsd: number) {
  await client.query(
    `INSERT INTO "AgentRun" (id, "notebookId", "ownerId", prompt, status, model, "costUsd", "createdAt", "finishedAt")
     VALUES (gen_random_uuid(), $1, $2, 'earlier', 'completed', 'claude-sonnet-5-5', $3, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`,
    [notebookId, ownerId, costUsd],
  );
}

async function errorOf(res: Response) {
  const { error } = (await res.json()) as { error: { code: string; message: string; reason?: string } };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), ...error };
}

/** A run that writes a cell and waits for its result: it stays running, so it may still spend. */
const start = (cookie: string, notebookId: string) =>
  startRunRequest(cookie, notebookId, { prompt: `[scenario:code-error-fix] ${nonce()}`, mode: "auto" });

describe("daily spend caps", () => {
  it("refuses an owner's run once their recorded spend today leaves less than a run's budget", async () => {
    const owner = newOwner();
    const nb = await createNotebook(owner.cookie);
    await recordSpend(owner.id, nb.id, 0.6);
    await withEnv({ PYLOT_OWNER_DAILY_BUDGET_USD: "1", PYLOT_AGENT_MAX_COST_USD: "0.5" }, async () => {
      const err = await errorOf(await start(owner.cookie, nb.id));
      expect(err).toMatchObject({ status: 429, code: "rate_limited", reason: "owner_daily_budget" });
      expect(err.message).toBe(
        "Your budget for today ($1.00) is almost spent: $0.40 is left and a run may spend up to $0.50; it resets at 00:00 UTC.",
      );
      expect(Number(err.retryAfter)).toBeGreaterThan(0);
      // Another owner is not affected by this one's spend.
      const other = newOwner();
      const events = await readEvents(await start(other.cookie, (await createNotebook(other.cookie)).id));
      expect(events[0]?.type).toBe("run");
    });
  });

  it("refuses every run once the instance's spend today is past its cap, and says so", async () => {
    const owner = newOwner();
    const nb = await createNotebook(owner.cookie);
    await recordSpend(owner.id, nb.id, 100_000);
    await withEnv({ PYLOT_DAILY_BUDGET_USD: "5" }, async () => {
      const stranger = newOwner();
      const err = await errorOf(await start(stranger.cookie, (await createNotebook(stranger.cookie)).id));
      expect(err).toMatchObject({ status: 429, code: "rate_limited", reason: "daily_budget" });
      expect(err.message).toBe("Today's budget for this Pylot instance ($5.00) is spent; it resets at 00:00 UTC.");
    });
    // Without a cap the same start is accepted.
    const events = await readEvents(await start(owner.cookie, nb.id));
    expect(events[0]?.type).toBe("run");
  });

  it("lets only one of several runs starting at once through when the cap leaves room for one", async () => {
    const owner = newOwner();
    const notebooks = await Promise.all([1, 2, 3, 4].map(() => createNotebook(owner.cookie)));
    await withEnv({ PYLOT_OWNER_DAILY_BUDGET_USD: "3", PYLOT_AGENT_MAX_COST_USD: "2" }, async () => {
      const replies = await Promise.all(notebooks.map((nb) => start(owner.cookie, nb.id)));
      const accepted = replies.filter((r) => r.status === 200);
      expect(accepted).toHaveLength(1);
      for (const r of replies.filter((r) => r.status !== 200)) {
        expect(await errorOf(r)).toMatchObject({ status: 429, reason: "owner_daily_budget" });
      }
      await readEvents(accepted[0]!);
      // The run that started holds its budget while it may still spend: a fifth start is refused too.
      expect(await committedSpendToday(owner.id, 2)).toBeGreaterThanOrEqual(2);
      // On a notebook whose start was refused (the accepted one has its run still going: a 409).
      const refused = notebooks[replies.findIndex((r) => r.status !== 200)]!;
      const again = await errorOf(await start(owner.cookie, refused.id));
      expect(again.status).toBe(429);
    });
  });
});
