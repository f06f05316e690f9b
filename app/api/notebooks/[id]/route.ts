import { checkModel } from "@/lib/agent/run-settings";
import {
  deleteOwnedNotebook,
  findOwnedNotebook,
  renameOwnedNotebook,
  updateOwnedNotebookSettings,
} from "@/lib/db/notebooks";
import { requireOwner } from "@/lib/identity/request-owner";
import { AppError } from "@/lib/http/app-error";
import { readJson } from "@/lib/http/read-json";
import { idempotentWrite } from "@/lib/http/idempotent-write";
import { idParam, json, route } from "@/lib/http/route";
import { updateNotebookSchema } from "./schema";

type P = { id: string };
const notFound = () => new AppError("not_found", "No such notebook.");

export const GET = route<P>(async (req, params) => {
  const notebook = await findOwnedNotebook(requireOwner(req), idParam(params.id, "notebook"));
  if (!notebook) throw notFound();
  return json({ notebook });
});

/** Renames the notebook and/or saves its agent settings (a retired or unknown model is refused). */
export const PATCH = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const id = idParam(params.id, "notebook");
  return idempotentWrite(req, owner, async () => {
    const { title, settings } = await readJson(req, updateNotebookSchema);
    if (settings?.model) checkModel(settings.model);
    const body: { id: string; title?: string; settings?: unknown } = { id };
    if (title !== undefined) {
      if (!(await renameOwnedNotebook(owner, id, title))) throw notFound();
      body.title = title;
    }
    if (settings) {
      const saved = await updateOwnedNotebookSettings(owner, id, settings);
      if (!saved) throw notFound();
      body.settings = saved;
    }
    return json(body);
  });
});

export const DELETE = route<P>(async (req, params) => {
  if (!(await deleteOwnedNotebook(requireOwner(req), idParam(params.id, "notebook")))) throw notFound();
  return json({ deleted: true });
});
