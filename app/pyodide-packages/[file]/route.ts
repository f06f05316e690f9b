// The local package mirror (PYLOT_PACKAGE_INDEX_URL=local), read-only.
import { route } from "@/lib/http/route";
import { readMirrorFile } from "@/lib/packages/mirror-files";

export const GET = route<{ file: string }>(async (_req, { file }) => {
  const { body, contentType } = await readMirrorFile(file);
  // Wheels are immutable by name; the lock file changes when the mirror grows.
  const cache = file === "pyodide-lock.json" ? "no-cache" : "public, max-age=86400";
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: { "content-type": contentType, "cache-control": cache },
  });
});
