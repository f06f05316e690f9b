// nbformat markdown-cell attachments (`![x](attachment:x.png)`), kept by import in Cell.metadata
// (CellExtras.attachments) and rendered as data: URLs. Only raster image types: an attachment is
// never a document, a script or an SVG, so the worst a forged one can be is a broken image.

const IMAGE_MIMES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Attachment name → data: URL, for the attachments of a stored cell's metadata that are images. */
export type ImageAttachments = Record<string, string>;

export function imageAttachments(metadata: unknown): ImageAttachments | undefined {
  const attachments = (metadata as { attachments?: unknown } | null)?.attachments;
  if (!attachments || typeof attachments !== "object" || Array.isArray(attachments)) return undefined;
  const out: ImageAttachments = {};
  for (const [name, bundle] of Object.entries(attachments)) {
    if (!bundle || typeof bundle !== "object") continue;
    for (const mime of IMAGE_MIMES) {
      const value = (bundle as Record<string, unknown>)[mime];
      const base64 = typeof value === "string" ? value : Array.isArray(value) ? value.join("") : null;
      if (base64 === null) continue;
      const compact = base64.replace(/\s/g, "");
      if (!compact || !BASE64.test(compact)) continue;
      out[name] = `data:${mime};base64,${compact}`;
      break;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** The data: URL an `attachment:` link names, or null (not an attachment link, or no such image). */
export function attachmentUrl(src: string, attachments: ImageAttachments | undefined): string | null {
  if (!src.startsWith("attachment:")) return null;
  let name = src.slice("attachment:".length);
  try {
    name = decodeURIComponent(name);
  } catch {
    // A name with a bare % is looked up as written.
  }
  return attachments && Object.hasOwn(attachments, name) ? attachments[name]! : null;
}
