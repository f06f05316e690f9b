// What a person reads when a daily cap refuses their run: the agent panel shows the message as is.
import { AppError } from "@/lib/http/app-error";

/** The answer of a spend reservation (lib/db/spend.ts). */
export type SpendAnswer =
  | { ok: true }
  | {
      ok: false;
      /** Which cap: the whole instance's, or this owner's. */
      scope: "instance" | "owner";
      capUsd: number;
      /** Spent today plus what running runs may still spend. */
      committedUsd: number;
    };

const usd = (n: number) => `$${n.toFixed(2)}`;

/** Seconds until the next 00:00 UTC, when the daily caps reset. */
export function secondsUntilUtcMidnight(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** Throws the 429 a refused reservation gets; the run's own budget says why "almost spent" refuses. */
export function refuseOverBudget(answer: SpendAnswer, runBudgetUsd: number, now = new Date()): void {
  if (answer.ok) return;
  const retryAfterSeconds = secondsUntilUtcMidnight(now);
  const whose = answer.scope === "instance" ? "Today's budget for this Pylot instance" : "Your budget for today";
  const left = Math.max(0, answer.capUsd - answer.committedUsd);
  const state =
    left >= 0.005 ? `is almost spent: ${usd(left)} is left and a run may spend up to ${usd(runBudgetUsd)}` : "is spent";
  throw new AppError(
    "rate_limited",
    `${whose} (${usd(answer.capUsd)}) ${state}; it resets at 00:00 UTC.`,
    { reason: answer.scope === "instance" ? "daily_budget" : "owner_daily_budget", retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );
}
