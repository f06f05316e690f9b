import { z } from "zod";
import { saveOwnedCellOutputs } from "@/lib/db/cells";
import { requireOwner } from "@/lib/identity/request-owner";
import { readJson } from "@/lib/http/read-json";
import { idempotentWrite } from "@/lib/http/idempotent-write";
import { idParam, json, route } from "@/lib/http/route";
import { LIMITS } from "@/lib/notebook/cell";
import { outputSchema } from "@/lib/notebook/outputs";

const saveOutputsSchema = z
  .object({
    outputs: z.array(outputSchema).max(10_000),
    executionCount: z.number().int().min(0).nullable(),
    durationMs: z.number().int().min(0).nullable(),
  })
  .strict();

export const PUT = route<{ id: string; cellId: string }>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const cellId = idParam(params.cellId, "cell");
  return idempotentWrite(req, owner, async () => {
    const run = await readJson(req, saveOutputsSchema, LIMITS.outputBytes + 64 * 1024);
    await saveOwnedCellOutputs(owner, notebookId, cellId, run);
    return json({ saved: true });
  });
});
