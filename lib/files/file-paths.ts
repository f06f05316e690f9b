// Where a notebook's files live in the Python filesystem, and which names are allowed there.
// Shared by the routes (the authority) and the page (to say "no" before uploading 50 MB).
// A stored path is always "data/<name>" (uploads) or "output/<name>" (written by code), with
// <name> relative: no "..", no absolute paths, no control characters, not over-long.

export type FileKind = "data" | "output";

export const FILE_DIRS: Record<FileKind, string> = { data: "data", output: "output" };

/** UTF-8 bytes of a name under data/ or output/ (a Linux file name allows 255 per segment). */
export const MAX_NAME_BYTES = 255;
/** Path segments below data/ or output/ (sub folders are allowed, a few levels deep). */
export const MAX_DEPTH = 8;

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * Checks a file name as given by a person (or found under output/), relative to its folder.
 * Returns the name to store (Unicode NFC) or why it is refused.
 */
export function checkFileName(raw: string): NameCheck {
  if (raw.length === 0) return { ok: false, reason: "The file name is empty." };
  if (raw.includes("\0")) return { ok: false, reason: "The file name contains a NUL byte." };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f-\u009f]/.test(raw))
    return { ok: false, reason: "The file name contains control characters." };
  // A lone UTF-16 surrogate has no UTF-8 form: it could not be a file name on disk or in a URL.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(raw))
    return { ok: false, reason: "The file name is not valid Unicode (it has a lone surrogate)." };
  if (raw.includes("\\")) return { ok: false, reason: "The file name contains a backslash; use / between folders." };
  if (raw.startsWith("/"))
    return { ok: false, reason: "The file name is an absolute path; give a name relative to data/." };
  const name = raw.normalize("NFC");
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) {
    return { ok: false, reason: `The file name is longer than ${MAX_NAME_BYTES} bytes.` };
  }
  const segments = name.split("/");
  if (segments.length > MAX_DEPTH) return { ok: false, reason: `The file is nested deeper than ${MAX_DEPTH} folders.` };
  for (const s of segments) {
    if (s === "") return { ok: false, reason: "The file name has an empty folder name (// or a trailing /)." };
    if (s === "." || s === "..")
      return { ok: false, reason: "The file name may not contain . or .. folders (it would leave data/)." };
    if (s.trim() !== s) return { ok: false, reason: "A file or folder name may not start or end with spaces." };
  }
  return { ok: true, name };
}

export type PathCheck = { ok: true; path: string; kind: FileKind; name: string } | { ok: false; reason: string };

/** Checks a stored path ("data/x.csv" or "output/y.png"). */
export function checkFilePath(raw: string): PathCheck {
  const slash = raw.indexOf("/");
  const dir = slash < 0 ? "" : raw.slice(0, slash);
  const kind = (Object.keys(FILE_DIRS) as FileKind[]).find((k) => FILE_DIRS[k] === dir);
  if (!kind) return { ok: false, reason: 'A file path must start with "data/" or "output/".' };
  const name = checkFileName(raw.slice(slash + 1));
  if (!name.ok) return name;
  return { ok: true, kind, name: name.name, path: `${dir}/${name.name}` };
}

const MIME_BY_EXT: Record<string, string> = {
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  txt: "text/plain",
  log: "text/plain",
  md: "text/markdown",
  json: "application/json",
  jsonl: "application/x-ndjson",
  ndjson: "application/x-ndjson",
  xml: "application/xml",
  yaml: "application/yaml",
  yml: "application/yaml",
  py: "text/x-python",
  html: "text/html",
  htm: "text/html",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  parquet: "application/vnd.apache.parquet",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  sqlite: "application/vnd.sqlite3",
  db: "application/vnd.sqlite3",
};

/** The MIME type we store and serve, from the extension only (a client's Content-Type is not trusted). */
export function mimeFor(path: string): string {
  const dot = path.lastIndexOf(".");
  const ext = dot > path.lastIndexOf("/") ? path.slice(dot + 1).toLowerCase() : "";
  return MIME_BY_EXT[ext] ?? "application/octet-stream";
}

/** Raster images a browser shows in <img> and the model reads as an image block. */
export const INLINE_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const isInlineImage = (mime: string) => (INLINE_IMAGE_TYPES as readonly string[]).includes(mime);

/** Files whose beginning is worth showing as text (preview, the agent's context). */
export function isTextual(mime: string): boolean {
  return (
    mime.startsWith("text/") ||
    ["application/json", "application/x-ndjson", "application/xml", "application/yaml"].includes(mime)
  );
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`;
}
