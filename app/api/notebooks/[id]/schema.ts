import { z } from "zod";
import { EFFORTS } from "@/lib/agent/models/model-options";
import { modelIdSchema, titleSchema } from "../schema";

/** The agent settings a person may save from the panel (model and prompt version are also set by a run). */
export const settingsPatchSchema = z
  .object({
    model: modelIdSchema.optional(),
    effort: z.enum(EFFORTS).optional(),
    shareNotes: z.boolean().optional(),
  })
  .strict();

export const updateNotebookSchema = z
  .object({ title: titleSchema.optional(), settings: settingsPatchSchema.optional() })
  .strict()
  .refine((b) => b.title !== undefined || b.settings !== undefined, "Send a title or settings");
