import { z } from "zod";
import { LIMITS } from "@/lib/notebook/cell";

export const titleSchema = z.string().trim().min(1, "The title is empty").max(LIMITS.titleLength);
export const createNotebookSchema = z.object({ title: titleSchema.optional() }).strict();
