// The operator settings saved on /admin (lib/admin/settings.ts says what each means). Read on each
// run start and upload, like the env values they override, so a change holds at once on every
// instance that shares the database.
import "server-only";
import {
  isSettingKey,
  parseSettingValue,
  type SettingKey,
  type SettingOverrides,
  effectiveQuotaBytes,
  effectiveSpendLimits,
} from "@/lib/admin/settings";
import type { SpendLimits } from "@/lib/spend/spend-limits";
import { getDb, poolQuery } from "./client";

export async function readSettingOverrides(): Promise<SettingOverrides> {
  const { rows } = await poolQuery<{ key: string; value: string }>({
    name: "settings_read",
    text: `SELECT key, value FROM "Setting"`,
    values: [],
  });
  const out: SettingOverrides = {};
  for (const { key, value } of rows) {
    if (!isSettingKey(key)) continue;
    const n = parseSettingValue(key, value);
    if (n !== null) out[key] = n;
  }
  return out;
}

/** Saves a value (number) or clears it (null: the environment decides again). */
export async function saveSetting(key: SettingKey, value: number | null): Promise<void> {
  const db = getDb();
  if (value === null) await db.setting.deleteMany({ where: { key } });
  else
    await db.setting.upsert({
      where: { key },
      create: { key, value: String(value) },
      update: { value: String(value) },
    });
}

export async function spendLimitsNow(): Promise<SpendLimits> {
  return effectiveSpendLimits(await readSettingOverrides());
}

export async function quotaBytesNow(): Promise<number | null> {
  return effectiveQuotaBytes(await readSettingOverrides());
}
