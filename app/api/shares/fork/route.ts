// "Make a copy": the reader forks a shared notebook into their own notebooks. The token only
// selects what to copy; the write goes to the requester's own space and needs their cookie.
import { forkSharedNotebook } from "@/lib/db/shared-notebooks";
import { AppError } from "@/lib/http/app-error";
import { readJson } from "@/lib/http/read-json";
import { json, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";
import { forkSchema } from "./schema";

export const POST = route(async (req) => {
  const owner = requireOwner(req);
  const { token } = await readJson(req, forkSchema);
  const copy = await forkSharedNotebook(token, owner);
  if (!copy) throw new AppError("not_found", "This share link does not exist or was revoked.");
  return json({ notebook: copy }, 201);
});
