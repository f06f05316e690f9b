// How a stored file goes back to a browser. Uploaded bytes are untrusted: they are never
// rendered as a document of our origin. Everything is an attachment with nosniff and a sandbox
// CSP, except raster images asked for inline (for <img> previews), which cannot run script.
import type { FileInfo, FilePreview } from "./file-info";
import { isInlineImage, isTextual } from "./file-paths";
import { visibleText } from "@/lib/text/visible-text";
import { csvRows, decodeHead } from "./text-head";

export type FileView = "download" | "inline" | "preview";

/**
 * RFC 6266 filename: an ASCII fallback plus the UTF-8 name, with hidden characters shown as
 * [U+XXXX] so a saved file cannot disguise its extension (lib/text/visible-text.ts).
 */
export function contentDisposition(kind: "attachment" | "inline", path: string): string {
  const name = visibleText(path.slice(path.lastIndexOf("/") + 1));
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** True when the browser's cached copy (If-None-Match) is this file's current content. */
export function isNotModified(info: FileInfo, ifNoneMatch: string | null): boolean {
  const etag = `"${info.sha256}"`;
  return !!ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/** body null: answer 304 (the caller checked isNotModified). A stream is sent as it is read. */
export function fileResponse(
  info: FileInfo,
  body: Uint8Array | ReadableStream<Uint8Array> | null,
  view: "download" | "inline",
): Response {
  const etag = `"${info.sha256}"`;
  const inline = view === "inline" && isInlineImage(info.mime);
  const headers = new Headers({
    "content-type": inline || info.mime !== "text/html" ? info.mime : "application/octet-stream",
    "content-disposition": contentDisposition(inline ? "inline" : "attachment", info.path),
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    // Revalidated on every use (ETag = sha256): a kernel restart re-reads its files for a 304.
    "cache-control": "private, no-cache",
    etag,
  });
  if (body === null) return new Response(null, { status: 304, headers });
  headers.set("content-length", String(info.size));
  return new Response(body as Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>>, {
    status: 200,
    headers,
  });
}

const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 20;

export function filePreview(info: FileInfo, bytes: Uint8Array): FilePreview {
  if (isInlineImage(info.mime)) return { kind: "image" };
  if (!isTextual(info.mime)) return { kind: "none", reason: `No preview for ${info.mime} files; download it instead.` };
  const head = decodeHead(bytes, PREVIEW_BYTES);
  if (info.mime === "text/csv" || info.mime === "text/tab-separated-values") {
    const { rows, complete } = csvRows(head.text, PREVIEW_ROWS + 1, info.mime === "text/csv" ? "," : "\t");
    const more = rows.length > PREVIEW_ROWS || head.truncated || !complete;
    return { kind: "table", rows: rows.slice(0, PREVIEW_ROWS), truncated: more, notUtf8: head.notUtf8 };
  }
  const text = head.text.length > 4000 ? head.text.slice(0, 4000) : head.text;
  return { kind: "text", text, truncated: head.truncated || text.length < head.text.length, notUtf8: head.notUtf8 };
}
