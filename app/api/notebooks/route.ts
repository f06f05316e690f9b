import { createNotebook, listOwnedNotebooks } from "@/lib/db/notebooks";
import { requireOwner } from "@/lib/identity/request-owner";
import { readJson } from "@/lib/http/read-json";
import { json, route } from "@/lib/http/route";
import { createNotebookSchema } from "./schema";

export const GET = route(async (req) => {
  const notebooks = await listOwnedNotebooks(requireOwner(req));
  return json({ notebooks });
});

export const POST = route(async (req) => {
  const owner = requireOwner(req);
  const body = await readJson(req, createNotebookSchema);
  return json({ notebook: await createNotebook(owner, body.title) }, 201);
});
