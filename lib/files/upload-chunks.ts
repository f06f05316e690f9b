// An upload body as fixed-size parts, read one at a time (the reader waits while a part is being
// stored, so a fast client cannot fill our memory), hashed and counted as they pass. The per-file
// limit is checked on the declared Content-Length before a byte is read, and again while reading
// (the header can lie or be absent); `onTotal` lets the caller stop an upload that outgrows a quota.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/http/app-error";
import { FILE_CHUNK_BYTES } from "./chunk-size";
import { humanSize } from "./file-paths";

export function tooLarge(maxBytes: number, size?: number): AppError {
  const what = size === undefined ? "The file" : `The file (${humanSize(size)})`;
  return new AppError("payload_too_large", `${what} is larger than the limit of ${humanSize(maxBytes)} per file.`, {
    maxBytes,
  });
}

/** The declared body size, or null when absent or not a number. */
export function declaredLength(req: Request): number | null {
  const raw = req.headers.get("content-length");
  const n = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export interface UploadChunks {
  /** The parts in order, each FILE_CHUNK_BYTES except the last (one empty part for an empty body). */
  chunks: AsyncGenerator<Uint8Array, void>;
  /** After `chunks` is done: the whole body's size and sha256. */
  result(): { size: number; sha256: string };
}

export function uploadChunks(
  req: Request,
  maxBytes: number,
  onTotal: (total: number) => void = () => {},
  chunkBytes = FILE_CHUNK_BYTES,
): UploadChunks {
  const declared = declaredLength(req);
  if (declared !== null && declared > maxBytes) throw tooLarge(maxBytes, declared);
  const hash = createHash("sha256");
  let total = 0;
  let done = false;
  let summary: { size: number; sha256: string } | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array, void> {
    const reader = req.body?.getReader();
    let part = new Uint8Array(chunkBytes);
    let filled = 0;
    let emitted = 0;
    try {
      for (;;) {
        const next = reader ? await reader.read() : { done: true as const, value: undefined };
        if (next.done) break;
        let value = next.value;
        total += value.byteLength;
        if (total > maxBytes) throw tooLarge(maxBytes);
        onTotal(total);
        hash.update(value);
        while (value.byteLength > 0) {
          const take = Math.min(chunkBytes - filled, value.byteLength);
          part.set(value.subarray(0, take), filled);
          filled += take;
          value = value.subarray(take);
          if (filled === chunkBytes) {
            yield part;
            emitted++;
            part = new Uint8Array(chunkBytes);
            filled = 0;
          }
        }
      }
      if (filled > 0 || emitted === 0) yield part.subarray(0, filled);
      done = true;
    } finally {
      if (!done) await reader?.cancel().catch(() => {});
    }
  }
  return {
    chunks: chunks(),
    result() {
      if (!done) throw new Error("uploadChunks: the body has not been read to the end");
      summary ??= { size: total, sha256: hash.digest("hex") };
      return summary;
    },
  };
}
