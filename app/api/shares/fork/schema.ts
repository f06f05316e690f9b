import { z } from "zod";

export const forkSchema = z.object({ token: z.string().min(1).max(200) }).strict();
