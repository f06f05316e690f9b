import { z } from "zod";
import { LIMITS } from "@/lib/notebook/cell";

export const titleSchema = z.string().trim().min(1, "The title is empty").max(LIMITS.titleLength);
/** A model id's shape; which models exist is the model list's business (lib/agent/run-settings.ts). */
export const modelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, "Invalid model id");
export const createNotebookSchema = z.object({ title: titleSchema.optional() }).strict();
