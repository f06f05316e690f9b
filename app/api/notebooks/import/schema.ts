// The import body is the .ipynb file itself (validated by lib/notebook/ipynb/import-ipynb.ts);
// its optional file name comes in the query and becomes the title when the file has none.
import { z } from "zod";

export const importQuerySchema = z.object({ filename: z.string().max(300).optional() });

/** Notebooks with figures get big; past this the import answers 413. */
export const IPYNB_MAX_BYTES = Number(process.env.PYLOT_IPYNB_MAX_BYTES ?? 50 * 1024 * 1024);
