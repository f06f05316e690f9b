// An upload from the request body into PostgreSQL, streamed (docs/adr/0005), within the per-file
// limit and the owner's storage quota (files and cell outputs; an admin's saved value overrides
// PYLOT_OWNER_QUOTA_BYTES). The quota is checked three times: on the declared length
// before anything is read, while the body streams (stop as soon as it cannot fit), and exactly,
// under the owner's lock, before the transaction commits.
import "server-only";
import { ownerStoredBytes, largestOwnerFiles } from "@/lib/db/file-quota";
import { storeOwnedFileStream } from "@/lib/db/file-upload";
import { quotaBytesNow } from "@/lib/db/settings";
import { overQuota } from "@/lib/quota/owner-quota";
import { AppError } from "@/lib/http/app-error";
import type { FileKind } from "./file-paths";
import { mimeFor } from "./file-paths";
import { maxFileBytes } from "./max-file-bytes";
import { declaredLength, uploadChunks } from "./upload-chunks";

/** The principal whose quota an upload counts against: the owner id (a user id with accounts). */
export type Principal = string;

export async function storeUpload(
  req: Request,
  principal: Principal,
  notebookId: string,
  target: { path: string; kind: FileKind },
  replace: boolean,
) {
  const quotaBytes = await quotaBytesNow();
  const refuse = async (usedBytes: number, uploadBytes: number | null): Promise<AppError> =>
    overQuota({ quotaBytes: quotaBytes!, usedBytes, uploadBytes, largest: await largestOwnerFiles(principal) });
  let usedBefore = 0;
  if (quotaBytes !== null) {
    usedBefore = await ownerStoredBytes(principal);
    const declared = declaredLength(req);
    // Only a new name can be refused this early: a replaced file frees its own size.
    if (declared !== null && usedBefore + declared > quotaBytes && !replace) throw await refuse(usedBefore, declared);
  }
  let overBy: number | null = null;
  const upload = uploadChunks(req, maxFileBytes(), (total) => {
    // Replacing may free up to one file's limit; beyond that the upload cannot fit, whatever it replaces.
    const slack = replace ? maxFileBytes() : 0;
    if (quotaBytes !== null && usedBefore + total > quotaBytes + slack) {
      overBy = total;
      throw new AppError("payload_too_large", "over quota");
    }
  });
  try {
    return await storeOwnedFileStream(
      principal,
      notebookId,
      { ...target, mime: mimeFor(target.path), chunks: upload.chunks, result: upload.result },
      replace,
      (usedAfter) => {
        if (quotaBytes !== null && usedAfter > quotaBytes) throw new QuotaExceeded(usedAfter);
      },
    );
  } catch (err) {
    if (err instanceof QuotaExceeded) {
      const size = upload.result().size;
      throw await refuse(err.usedAfter - size, size);
    }
    if (overBy !== null) throw await refuse(usedBefore, overBy);
    throw err;
  }
}

class QuotaExceeded extends Error {
  constructor(readonly usedAfter: number) {
    super("quota exceeded");
  }
}
