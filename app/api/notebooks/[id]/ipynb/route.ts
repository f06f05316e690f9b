// Export: the notebook as an nbformat 4.5 .ipynb download.
import { findOwnedNotebookForExport } from "@/lib/db/notebook-files";
import { AppError } from "@/lib/http/app-error";
import { idParam, route } from "@/lib/http/route";
import { requireOwner } from "@/lib/identity/request-owner";
import { ipynbFileName, toIpynb } from "@/lib/notebook/ipynb/export-ipynb";

export const GET = route<{ id: string }>(async (req, params) => {
  const nb = await findOwnedNotebookForExport(requireOwner(req), idParam(params.id, "notebook"));
  if (!nb) throw new AppError("not_found", "No such notebook.");
  return new Response(`${JSON.stringify(toIpynb(nb), null, 1)}\n`, {
    headers: {
      "content-type": "application/x-ipynb+json",
      "content-disposition": `attachment; filename="${ipynbFileName(nb.title)}"`,
      "cache-control": "no-store",
    },
  });
});
