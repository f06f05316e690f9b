// One image output of a shared notebook's cell, decoded from its saved base64 (the share page
// links figures here instead of inlining them). Only PNG/JPEG/GIF: never markup.
import { readSharedCellOutputs } from "@/lib/db/shared-notebooks";
import { AppError, errorResponse } from "@/lib/http/app-error";
import { refuseOverShareLimit } from "@/lib/sharing/share-lookup-limit";
import { SERVED_IMAGE_MIMES } from "@/lib/sharing/served-images";

type Context = { params: Promise<{ token: string; cellId: string; index: string }> };

export async function GET(req: Request, context: Context): Promise<Response> {
  const limited = refuseOverShareLimit(req);
  if (limited) return limited;
  const { token, cellId, index } = await context.params;
  const notFound = () => errorResponse(new AppError("not_found", "No such output, or the share link was revoked."));
  const outputs = await readSharedCellOutputs(token, cellId.toLowerCase());
  const output = outputs?.[Number(index)] as { data?: Record<string, unknown> } | undefined;
  if (!/^\d{1,5}$/.test(index) || !output?.data) return notFound();
  const mime = SERVED_IMAGE_MIMES.find((m) => typeof output.data![m] === "string");
  if (!mime) return notFound();
  return new Response(Buffer.from((output.data[mime] as string).replace(/\s/g, ""), "base64"), {
    headers: {
      "content-type": mime,
      "x-content-type-options": "nosniff",
      // The URL carries the image's content hash: a changed figure is a new URL.
      "cache-control": "private, max-age=3600",
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex, nofollow",
    },
  });
}
