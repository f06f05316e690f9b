import { z } from "zod";
import { EFFORTS } from "@/lib/agent/models/model-options";
import { modelIdSchema } from "../../schema";

export const startRunSchema = z
  .object({
    prompt: z
      .string()
      .min(1, "The prompt is empty")
      .max(20_000, "The prompt is longer than 20,000 characters")
      .refine((p) => p.trim().length > 0, "The prompt is empty"),
    mode: z.enum(["auto", "approve"]),
    // Which models exist is the model list's business (a retired or unknown one gets its own message).
    model: modelIdSchema.optional(),
    effort: z.enum(EFFORTS).optional(),
  })
  .strict();
