import { deleteOwnedNotebook, findOwnedNotebook, renameOwnedNotebook } from "@/lib/db/notebooks";
import { requireOwner } from "@/lib/identity/request-owner";
import { AppError } from "@/lib/http/app-error";
import { readJson } from "@/lib/http/read-json";
import { idParam, json, route } from "@/lib/http/route";
import { updateNotebookSchema } from "./schema";

type P = { id: string };
const notFound = () => new AppError("not_found", "No such notebook.");

export const GET = route<P>(async (req, params) => {
  const notebook = await findOwnedNotebook(requireOwner(req), idParam(params.id, "notebook"));
  if (!notebook) throw notFound();
  return json({ notebook });
});

export const PATCH = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const id = idParam(params.id, "notebook");
  const { title } = await readJson(req, updateNotebookSchema);
  if (!(await renameOwnedNotebook(owner, id, title))) throw notFound();
  return json({ id, title });
});

export const DELETE = route<P>(async (req, params) => {
  if (!(await deleteOwnedNotebook(requireOwner(req), idParam(params.id, "notebook")))) throw notFound();
  return json({ deleted: true });
});
