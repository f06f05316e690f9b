// The operator settings (admins only): each with its environment default, the value saved here
// (which overrides it) and what holds now. PUT saves numbers and clears nulls.
import { requireAdmin } from "@/lib/admin/require-admin";
import { SETTING_KEYS, settingViews } from "@/lib/admin/settings";
import { readSettingOverrides, saveSetting } from "@/lib/db/settings";
import { readJson } from "@/lib/http/read-json";
import { json, route } from "@/lib/http/route";
import { updateSettingsSchema } from "../schema";

export const GET = route(async (req) => {
  requireAdmin(req);
  return json({ settings: settingViews(await readSettingOverrides()) });
});

export const PUT = route(async (req) => {
  requireAdmin(req);
  const body = await readJson(req, updateSettingsSchema);
  for (const key of SETTING_KEYS) {
    const value = body[key];
    if (value !== undefined) await saveSetting(key, value === null ? null : value);
  }
  return json({ settings: settingViews(await readSettingOverrides()) });
});
