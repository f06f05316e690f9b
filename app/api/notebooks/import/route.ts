// Import: an .ipynb file (nbformat 4.0–4.5) becomes a new notebook of the requester, in one statement.
// A title the person already has gets " (imported)" (import-title.ts).
import { createImportedNotebook, findOwnedTitlesStartingWith } from "@/lib/db/notebook-files";
import { AppError } from "@/lib/http/app-error";
import { readText } from "@/lib/http/read-json";
import { json, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";
import { parseIpynb } from "@/lib/notebook/ipynb/import-ipynb";
import { importBase, importedTitle } from "@/lib/notebook/ipynb/import-title";
import { IPYNB_MAX_BYTES, importQuerySchema } from "./schema";

export const POST = route(async (req) => {
  const owner = requireOwner(req);
  const query = importQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw new AppError("bad_request", "The file name is too long.");
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/json") && !type.startsWith("application/x-ipynb+json")) {
    throw new AppError("unsupported_media_type", "Send the .ipynb file as application/json.");
  }
  const notebook = parseIpynb(await readText(req, IPYNB_MAX_BYTES), query.data.filename);
  notebook.title = importedTitle(notebook.title, await findOwnedTitlesStartingWith(owner, importBase(notebook.title)));
  return json({ notebook: await createImportedNotebook(owner, notebook) }, 201);
});
