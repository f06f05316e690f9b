import { z } from "zod";
import { cellKindSchema, LIMITS } from "@/lib/notebook/cell";

export const sourceSchema = z.string().max(LIMITS.sourceLength, "The cell source is too long");
export const insertCellSchema = z
  .object({
    index: z.number().int().min(0).max(LIMITS.cellsPerNotebook),
    kind: z.enum(cellKindSchema.options).default("code"),
    source: sourceSchema.default(""),
  })
  .strict();
