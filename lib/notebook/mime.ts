// Which representation of a MIME bundle to show: the richest one we can render safely.
export const MIME_PREFERENCE = [
  "text/html",
  "text/markdown",
  "text/latex",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "application/json",
  "text/plain",
] as const;

export function pickMime(data: Record<string, unknown>): string | null {
  for (const mime of MIME_PREFERENCE) if (mime in data) return mime;
  return Object.keys(data)[0] ?? null;
}

/** nbformat allows a string or a list of lines for text MIME values. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join("");
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

/** Output metadata key: the URL a read-only view serves this output's image from instead of inlining it. */
export const SERVED_IMAGE_KEY = "pylot/served-from";
