import { insertOwnedCell } from "@/lib/db/cells";
import { requireOwner } from "@/lib/identity/request-owner";
import { readJson } from "@/lib/http/read-json";
import { idempotentWrite } from "@/lib/http/idempotent-write";
import { idParam, json, route } from "@/lib/http/route";
import { insertCellSchema } from "./schema";

export const POST = route<{ id: string }>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  return idempotentWrite(req, owner, async () => {
    const body = await readJson(req, insertCellSchema);
    return json(await insertOwnedCell(owner, notebookId, body), 201);
  });
});
