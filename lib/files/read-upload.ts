// Reads a raw upload body (not JSON) with the per-file limit: refused by Content-Length before a
// byte is read, and again while streaming (the header can lie or be absent). Hashes as it reads.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/http/app-error";
import { humanSize } from "./file-paths";

export interface Upload {
  bytes: Uint8Array;
  sha256: string;
}

export function tooLarge(maxBytes: number, size?: number): AppError {
  const what = size === undefined ? "The file" : `The file (${humanSize(size)})`;
  return new AppError("payload_too_large", `${what} is larger than the limit of ${humanSize(maxBytes)} per file.`, {
    maxBytes,
  });
}

export async function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes, Number(declared));
  const hash = createHash("sha256");
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      hash.update(value);
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}
