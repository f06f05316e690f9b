import { insertOwnedCell } from "@/lib/db/cells";
import { requireOwner } from "@/lib/identity/request-owner";
import { readJson } from "@/lib/http/read-json";
import { idParam, json, route } from "@/lib/http/route";
import { insertCellSchema } from "./schema";

export const POST = route<{ id: string }>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const body = await readJson(req, insertCellSchema);
  return json(await insertOwnedCell(owner, notebookId, body), 201);
});
