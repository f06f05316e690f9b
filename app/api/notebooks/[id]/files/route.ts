import { listOwnedFiles } from "@/lib/db/files";
import { AppError } from "@/lib/http/app-error";
import { idParam, json, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";
import { maxFileBytes } from "@/lib/files/max-file-bytes";

/** The notebook's files (no bytes) and the upload limit. */
export const GET = route<{ id: string }>(async (req, params) => {
  const files = await listOwnedFiles(requireOwner(req), idParam(params.id, "notebook"));
  if (!files) throw new AppError("not_found", "No such notebook.");
  return json({ files, maxFileBytes: maxFileBytes() });
});
