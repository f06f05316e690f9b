import { z } from "zod";
import { titleSchema } from "../schema";

export const updateNotebookSchema = z.object({ title: titleSchema }).strict();
