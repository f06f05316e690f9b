import { deleteOwnedCell, editOwnedCell } from "@/lib/db/cells";
import { requireOwner } from "@/lib/identity/request-owner";
import { readJson } from "@/lib/http/read-json";
import { idempotentWrite } from "@/lib/http/idempotent-write";
import { idParam, json, route } from "@/lib/http/route";
import { LIMITS } from "@/lib/notebook/cell";
import { editCellSchema } from "./schema";

type P = { id: string; cellId: string };

export const PATCH = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const cellId = idParam(params.cellId, "cell");
  return idempotentWrite(req, owner, async () => {
    const { baseVersion, ...patch } = await readJson(req, editCellSchema, LIMITS.sourceLength * 4 + 1024);
    return json({ cell: await editOwnedCell(owner, notebookId, cellId, baseVersion, patch) });
  });
});

export const DELETE = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const cellId = idParam(params.cellId, "cell");
  return idempotentWrite(req, owner, async () => json({ revision: await deleteOwnedCell(owner, notebookId, cellId) }));
});
