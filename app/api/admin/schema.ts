import { z } from "zod";
import { SETTING_KEYS, type SettingKey } from "@/lib/admin/settings";

export const updateUserSchema = z
  .object({ disabled: z.boolean().optional(), role: z.enum(["admin", "user"]).optional() })
  .strict()
  .refine((b) => b.disabled !== undefined || b.role !== undefined, "Say what to change: disabled or role");

/** A number ≥ 0 saves a value (0: no cap / no quota); null clears it (the environment decides). */
const settingValue = z.number().finite().min(0, "A setting cannot be negative").max(1e15).nullable();

export const updateSettingsSchema = z
  .object(
    Object.fromEntries(SETTING_KEYS.map((k) => [k, settingValue.optional()])) as Record<
      SettingKey,
      z.ZodOptional<typeof settingValue>
    >,
  )
  .strict();

export const createInviteSchema = z.object({ days: z.number().int().min(1).max(90).optional() }).strict();
