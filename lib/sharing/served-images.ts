// The share page keeps figures out of its HTML: each inline image output larger than a few KB is
// replaced by a URL of the share's output route (its content hash in the query, so a changed figure
// is a new URL). Without this every figure would travel twice — in the HTML and in Next's RSC payload.
import { createHash } from "node:crypto";
import { SERVED_IMAGE_KEY } from "@/lib/notebook/mime";
import type { Output } from "@/lib/notebook/outputs";

export const SERVED_IMAGE_MIMES = ["image/png", "image/jpeg", "image/gif"] as const;
const INLINE_LIMIT = 4096;

export function withServedImages(token: string, cellId: string, outputs: Output[]): Output[] {
  return outputs.map((o, index) => {
    if (o.output_type !== "display_data" && o.output_type !== "execute_result") return o;
    const mime = SERVED_IMAGE_MIMES.find((m) => typeof o.data[m] === "string");
    if (!mime || "text/html" in o.data || "image/svg+xml" in o.data) return o; // those win in OutputView
    const value = o.data[mime] as string;
    if (value.length <= INLINE_LIMIT) return o;
    const v = createHash("sha256").update(value).digest("base64url").slice(0, 12);
    return {
      ...o,
      data: { ...o.data, [mime]: "" },
      metadata: { ...o.metadata, [SERVED_IMAGE_KEY]: `/s/${token}/outputs/${cellId}/${index}?v=${v}` },
    };
  });
}
