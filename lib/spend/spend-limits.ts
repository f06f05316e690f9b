// The daily spend caps, read from the environment on each run start so an operator can change
// them without a rebuild. Unset or 0: no cap. Spend is keyed on the principal that starts a run:
// the owner id, which is the user id of a signed-in person and the cookie's id of an anonymous one.
// An admin's value saved on /admin overrides these (lib/admin/settings.ts).

export interface SpendLimits {
  /** Cap on the cost of all runs started today (UTC) on this instance, in USD; null: none. */
  dailyBudgetUsd: number | null;
  /** Cap per principal (owner) per day, in USD; null: none. */
  ownerDailyBudgetUsd: number | null;
}

type Env = Record<string, string | undefined>;

function cap(env: Env, name: string): number | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    // A typo must not silently lift a cap the operator meant to set: refuse every run instead.
    console.warn(`[spend] ${name}="${raw}" is not a number of dollars; treating it as 0 (no runs).`);
    return 0;
  }
  return n === 0 ? null : n;
}

export function readSpendLimits(env: Env = process.env): SpendLimits {
  return {
    dailyBudgetUsd: cap(env, "PYLOT_DAILY_BUDGET_USD"),
    // PYLOT_USER_DAILY_BUDGET_USD is the name for accounts; PYLOT_OWNER_DAILY_BUDGET_USD came first.
    ownerDailyBudgetUsd: env.PYLOT_USER_DAILY_BUDGET_USD?.trim()
      ? cap(env, "PYLOT_USER_DAILY_BUDGET_USD")
      : cap(env, "PYLOT_OWNER_DAILY_BUDGET_USD"),
  };
}

export function hasSpendLimits(l: SpendLimits): boolean {
  return l.dailyBudgetUsd !== null || l.ownerDailyBudgetUsd !== null;
}
