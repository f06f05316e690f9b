// The storage quota per principal: the bytes of all files (uploads under data/ and what code saved
// under output/) and of all saved cell outputs across their notebooks. Keyed on the owner id (a
// signed-in person's user id, or an anonymous browser's). PYLOT_OWNER_QUOTA_BYTES, default 1 GB;
// 0 turns it off; an admin's value saved on /admin overrides it (lib/admin/settings.ts).
import { humanSize } from "@/lib/files/file-paths";
import { AppError } from "@/lib/http/app-error";

export const DEFAULT_OWNER_QUOTA_BYTES = 1024 * 1024 * 1024;

/** null: no quota. */
export function ownerQuotaBytes(env: Record<string, string | undefined> = process.env): number | null {
  const raw = env.PYLOT_OWNER_QUOTA_BYTES;
  if (raw === undefined || raw.trim() === "") return DEFAULT_OWNER_QUOTA_BYTES;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.warn(`[quota] ignoring PYLOT_OWNER_QUOTA_BYTES="${raw}": expected bytes; using the default`);
    return DEFAULT_OWNER_QUOTA_BYTES;
  }
  return n === 0 ? null : n;
}

/** A stored file the 413 suggests deleting. */
export interface QuotaFile {
  notebookId: string;
  notebookTitle: string;
  path: string;
  size: number;
}

/**
 * The 413 of an upload that would take the owner past the quota: how much is used, how much this
 * file needs, and the largest files to delete first.
 */
export function overQuota(p: {
  quotaBytes: number;
  usedBytes: number;
  uploadBytes: number | null;
  largest: QuotaFile[];
}) {
  const size = p.uploadBytes === null ? "This file" : `This file (${humanSize(p.uploadBytes)})`;
  const free = Math.max(0, p.quotaBytes - p.usedBytes);
  const names = p.largest.map((f) => `${f.path} (${humanSize(f.size)}, in "${f.notebookTitle}")`).join(", ");
  const what = names ? ` Your largest: ${names}.` : "";
  return new AppError(
    "payload_too_large",
    `${size} does not fit in your storage: ${humanSize(p.usedBytes)} of ${humanSize(p.quotaBytes)} is used, ${humanSize(free)} is free. Delete files or clear cell outputs you no longer need and try again.${what}`,
    { reason: "quota", quotaBytes: p.quotaBytes, usedBytes: p.usedBytes, largest: p.largest },
  );
}
