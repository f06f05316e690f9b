import { deleteOwnedFile, findOwnedFileHead, findOwnedFileInfo, openOwnedFile, ownsNotebook } from "@/lib/db/files";
import { filePreview, fileResponse, isNotModified } from "@/lib/files/file-response";
import { storeUpload } from "@/lib/files/store-upload";
import { AppError } from "@/lib/http/app-error";
import { idempotentWrite } from "@/lib/http/idempotent-write";
import { idParam, json, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";
import { filePathParam, fromSchema, queryParam, replaceSchema, viewSchema } from "./schema";

type P = { id: string; path: string[] };
const noFile = (path: string) => new AppError("not_found", `No file ${path} in this notebook.`);

/** Download (attachment), an inline image for <img>, or a JSON preview (?view=preview). */
export const GET = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const { path } = filePathParam(params.path);
  const view = queryParam(req.nextUrl, "view", viewSchema);
  const ifNoneMatch = req.headers.get("if-none-match");
  if (view !== "preview" && ifNoneMatch) {
    // A kernel restart revalidates every file: answer from the metadata, without reading the bytes.
    const info = await findOwnedFileInfo(owner, notebookId, path);
    if (!info) throw noFile(path);
    if (isNotModified(info, ifNoneMatch)) return fileResponse(info, null, view);
  }
  if (view === "preview") {
    const found = await findOwnedFileHead(owner, notebookId, path);
    if (!found) throw noFile(path);
    return json({ file: found.info, preview: filePreview(found.info, found.head) });
  }
  const found = await openOwnedFile(owner, notebookId, path);
  if (!found) throw noFile(path);
  return fileResponse(found.info, found.body, view);
});

/** The raw body is the file, streamed into PostgreSQL (PYLOT_MAX_FILE_BYTES, PYLOT_OWNER_QUOTA_BYTES). */
export const PUT = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const { path, kind } = filePathParam(params.path);
  const replace = queryParam(req.nextUrl, "replace", replaceSchema);
  // Python must never replace the person's inputs, whatever a (possibly forged) listing said.
  if (queryParam(req.nextUrl, "from", fromSchema) === "kernel" && kind !== "output") {
    throw new AppError("forbidden", `Only files under output/ are saved from Python; ${path} was not saved.`, {
      reason: "kernel_outside_output",
    });
  }
  if (!(await ownsNotebook(owner, notebookId))) throw new AppError("not_found", "No such notebook.");
  return idempotentWrite(req, owner, async () => {
    const saved = await storeUpload(req, owner, notebookId, { path, kind }, replace);
    return json({ file: saved.info, replaced: saved.replaced }, saved.replaced ? 200 : 201);
  });
});

export const DELETE = route<P>(async (req, params) => {
  const owner = requireOwner(req);
  const notebookId = idParam(params.id, "notebook");
  const { path } = filePathParam(params.path);
  return idempotentWrite(req, owner, async () => {
    if (!(await deleteOwnedFile(owner, notebookId, path))) throw noFile(path);
    return json({ deleted: true });
  });
});
