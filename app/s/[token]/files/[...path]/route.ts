// A shared notebook's file, download only: always an attachment of an opaque type with nosniff and
// a sandbox CSP, so an uploaded .html or .svg can never render (or run) in Pylot's origin.
import { readSharedFile } from "@/lib/db/shared-notebooks";
import { contentDisposition } from "@/lib/files/file-response";
import { AppError, errorResponse } from "@/lib/http/app-error";
import { refuseOverShareLimit } from "@/lib/sharing/share-lookup-limit";

type Context = { params: Promise<{ token: string; path: string[] }> };

export async function GET(req: Request, context: Context): Promise<Response> {
  const limited = refuseOverShareLimit(req);
  if (limited) return limited;
  const { token, path } = await context.params;
  const file = await readSharedFile(token, path.join("/"));
  if (!file) return errorResponse(new AppError("not_found", "No such file, or the share link was revoked."));
  return new Response(file.body, {
    headers: {
      "content-length": String(file.size),
      "content-type": "application/octet-stream",
      "content-disposition": contentDisposition("attachment", file.path),
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex, nofollow",
    },
  });
}
