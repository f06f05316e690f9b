import { z } from "zod";
import { LIMITS } from "@/lib/notebook/cell";
import { outputSchema } from "@/lib/notebook/outputs";

/** Cells print a lot and figures are base64: far above the default JSON limit. */
export const OBSERVATION_BODY_LIMIT = 16 * 1024 * 1024;

export const observationSchema = z
  .object({
    toolUseId: z.string().min(1).max(200),
    cellId: z.uuid(),
    code: z.string().max(LIMITS.sourceLength),
    outputs: z.array(outputSchema).max(10_000),
    status: z.enum(["ok", "error", "interrupted", "cancelled"]),
    skipped: z.boolean().optional(),
    savedFiles: z.array(z.string().min(1).max(1100)).max(200).optional(),
  })
  .strict();
