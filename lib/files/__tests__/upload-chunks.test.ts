// The upload body cut into fixed-size parts: sizes, order, hash, and the per-file limit whether the
// body declares its length or not.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { uploadChunks } from "../upload-chunks";

/** A request whose body arrives in the given pieces, optionally without Content-Length. */
function requestOf(pieces: Uint8Array[], declare = true): Request {
  const total = pieces.reduce((n, p) => n + p.byteLength, 0);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of pieces) c.enqueue(p);
      c.close();
    },
  });
  return new Request("http://x/", {
    method: "PUT",
    body,
    headers: declare ? { "content-length": String(total) } : {},
    duplex: "half",
  } as RequestInit);
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

async function collect(req: Request, max: number, chunk: number) {
  const upload = uploadChunks(req, max, undefined, chunk);
  const parts: Uint8Array[] = [];
  for await (const p of upload.chunks) parts.push(new Uint8Array(p));
  return { parts, result: upload.result() };
}

describe("uploadChunks", () => {
  it("cuts pieces of any size into parts of the chunk size, in order, and hashes the whole", async () => {
    const pieces = [bytes(3, 1), bytes(10, 2), bytes(1, 3), bytes(6, 4)];
    const { parts, result } = await collect(requestOf(pieces, false), 100, 8);
    expect(parts.map((p) => p.byteLength)).toEqual([8, 8, 4]);
    const whole = Buffer.concat(pieces);
    expect(Buffer.concat(parts)).toEqual(whole);
    expect(result).toEqual({ size: 20, sha256: createHash("sha256").update(whole).digest("hex") });
  });

  it("an empty body is one empty part", async () => {
    const { parts, result } = await collect(requestOf([]), 100, 8);
    expect(parts.map((p) => p.byteLength)).toEqual([0]);
    expect(result.size).toBe(0);
  });

  it("refuses by Content-Length before reading, and while reading when the length is not declared", async () => {
    expect(() => uploadChunks(requestOf([bytes(20, 1)]), 10)).toThrow(/larger than the limit of 10 B per file/);
    await expect(collect(requestOf([bytes(6, 1), bytes(6, 2)], false), 10, 4)).rejects.toThrow(
      /larger than the limit of 10 B per file/,
    );
  });
});
