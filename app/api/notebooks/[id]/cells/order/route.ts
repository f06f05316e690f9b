import { z } from "zod";
import { reorderOwnedCells } from "@/lib/db/cells";
import { requireOwner } from "@/lib/identity/request-owner";
import { AppError } from "@/lib/http/app-error";
import { readJson } from "@/lib/http/read-json";
import { idempotentWrite } from "@/lib/http/idempotent-write";
import { idParam, json, route } from "@/lib/http/route";
import { LIMITS } from "@/lib/notebook/cell";

const orderSchema = z.object({ cellIds: z.array(z.uuid()).min(1).max(LIMITS.cellsPerNotebook) }).strict();

export const PUT = route<{ id: string }>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  return idempotentWrite(req, owner, async () => {
    const { cellIds } = await readJson(req, orderSchema);
    if (new Set(cellIds).size !== cellIds.length)
      throw new AppError("bad_request", "A cell appears twice in the order.");
    return json({ revision: await reorderOwnedCells(owner, notebookId, cellIds) });
  });
});
