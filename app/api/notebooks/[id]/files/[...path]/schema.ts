import { z } from "zod";
import { checkFilePath } from "@/lib/files/file-paths";
import { AppError } from "@/lib/http/app-error";

/** ?view= of a GET: download (attachment), inline (raster images only), preview (JSON head). */
export const viewSchema = z.enum(["download", "inline", "preview"]).default("download");
/** ?replace=1 overwrites an existing file; without it an existing name is a 409. */
export const replaceSchema = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** ?from=kernel marks a save of what Python wrote: only output/ may come from the kernel. */
export const fromSchema = z.enum(["person", "kernel"]).default("person");

export function queryParam<S extends z.ZodType>(url: URL, name: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(url.searchParams.get(name) ?? undefined);
  if (!parsed.success)
    throw new AppError("bad_request", `Invalid ?${name}=: ${parsed.error.issues[0]?.message ?? "malformed"}.`);
  return parsed.data;
}

/** The catch-all segments as one stored path ("data/x.csv"), or a 400 saying why not. */
export function filePathParam(segments: string | string[] | undefined) {
  const raw = Array.isArray(segments) ? segments.join("/") : (segments ?? "");
  const checked = checkFilePath(raw);
  if (!checked.ok)
    throw new AppError("bad_request", `Refused file name: ${checked.reason}`, { reason: "bad_file_name" });
  return checked;
}
