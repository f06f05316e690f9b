import { z } from "zod";
import { cellKindSchema } from "@/lib/notebook/cell";
import { sourceSchema } from "../schema";

export const editCellSchema = z
  .object({
    baseVersion: z.number().int().min(1),
    source: sourceSchema.optional(),
    kind: z.optional(cellKindSchema),
  })
  .strict()
  .refine((b) => b.source !== undefined || b.kind !== undefined, "Nothing to change: send source or kind");
