import { z } from "zod";
import { KNOWN_MODELS } from "@/lib/agent/pricing";

export const startRunSchema = z
  .object({
    prompt: z
      .string()
      .min(1, "The prompt is empty")
      .max(20_000, "The prompt is longer than 20,000 characters")
      .refine((p) => p.trim().length > 0, "The prompt is empty"),
    mode: z.enum(["auto", "approve"]),
    model: z
      .string()
      .refine((m) => KNOWN_MODELS.includes(m), `Unknown model: use one of ${KNOWN_MODELS.join(", ")}`)
      .optional(),
  })
  .strict();
