// The operator settings an admin can change on /admin. Each has an environment variable that gives
// its default; a value saved on the page overrides it until it is cleared there. Values are kept as
// text in the Setting table (lib/db/settings.ts) and parsed here, with the same meaning as the env:
// a number ≥ 0, where 0 means "no cap" / "no quota".
import { DEFAULT_OWNER_QUOTA_BYTES, ownerQuotaBytes } from "@/lib/quota/owner-quota";
import { readSpendLimits, type SpendLimits } from "@/lib/spend/spend-limits";

type Env = Record<string, string | undefined>;

export type SettingKey = "dailyBudgetUsd" | "userDailyBudgetUsd" | "userQuotaBytes";

export const SETTING_KEYS: readonly SettingKey[] = ["dailyBudgetUsd", "userDailyBudgetUsd", "userQuotaBytes"];

export interface SettingInfo {
  label: string;
  env: string;
  unit: "usd" | "bytes";
}

export const SETTINGS: Record<SettingKey, SettingInfo> = {
  dailyBudgetUsd: { label: "Instance daily budget", env: "PYLOT_DAILY_BUDGET_USD", unit: "usd" },
  userDailyBudgetUsd: { label: "Per-user daily cap", env: "PYLOT_USER_DAILY_BUDGET_USD", unit: "usd" },
  userQuotaBytes: { label: "Per-user storage quota", env: "PYLOT_OWNER_QUOTA_BYTES", unit: "bytes" },
};

/** Values saved on the page (absent: the environment decides). */
export type SettingOverrides = Partial<Record<SettingKey, number>>;

/** A saved value as stored, or null when the text is not a valid one (then the env decides). */
export function parseSettingValue(key: SettingKey, raw: string): number | null {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0) return null;
  return SETTINGS[key].unit === "bytes" && !Number.isSafeInteger(n) ? null : n;
}

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

/** The spend caps in force: the environment's, with the page's values on top (0: no cap). */
export function effectiveSpendLimits(overrides: SettingOverrides, env: Env = process.env): SpendLimits {
  const fromEnv = readSpendLimits(env);
  const pick = (saved: number | undefined, envValue: number | null) =>
    saved === undefined ? envValue : saved === 0 ? null : saved;
  return {
    dailyBudgetUsd: pick(overrides.dailyBudgetUsd, fromEnv.dailyBudgetUsd),
    ownerDailyBudgetUsd: pick(overrides.userDailyBudgetUsd, fromEnv.ownerDailyBudgetUsd),
  };
}

/** The storage quota in force in bytes, null: none. */
export function effectiveQuotaBytes(overrides: SettingOverrides, env: Env = process.env): number | null {
  const saved = overrides.userQuotaBytes;
  if (saved === undefined) return ownerQuotaBytes(env);
  return saved === 0 ? null : saved;
}

export interface SettingView {
  key: SettingKey;
  label: string;
  env: string;
  unit: "usd" | "bytes";
  /** What the environment gives (null: no cap / no quota). */
  envValue: number | null;
  /** What was saved on the page, if anything. */
  savedValue: number | null;
  /** What holds now (null: no cap / no quota). */
  effective: number | null;
}

export function settingViews(overrides: SettingOverrides, env: Env = process.env): SettingView[] {
  const envSpend = readSpendLimits(env);
  const spend = effectiveSpendLimits(overrides, env);
  const envValues: Record<SettingKey, number | null> = {
    dailyBudgetUsd: envSpend.dailyBudgetUsd,
    userDailyBudgetUsd: envSpend.ownerDailyBudgetUsd,
    userQuotaBytes: ownerQuotaBytes(env),
  };
  const effective: Record<SettingKey, number | null> = {
    dailyBudgetUsd: spend.dailyBudgetUsd,
    userDailyBudgetUsd: spend.ownerDailyBudgetUsd,
    userQuotaBytes: effectiveQuotaBytes(overrides, env),
  };
  return SETTING_KEYS.map((key) => ({
    key,
    ...SETTINGS[key],
    envValue: envValues[key],
    savedValue: overrides[key] ?? null,
    effective: effective[key],
  }));
}

export { DEFAULT_OWNER_QUOTA_BYTES };
