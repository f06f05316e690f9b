// Idempotency keys for the page's writes (issue 15 item 2). The page sends a fresh key with each
// write and the same key when it retries that write; a retry whose first attempt landed (its
// reply lost to a network blip) gets the first answer again, instead of a 409 for a version it
// moved itself, or a second cell.
import type { NextRequest } from "next/server";
import { findWriteReceipt, saveWriteReceipt } from "@/lib/db/write-receipts";
import { AppError } from "./app-error";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_SHAPE = /^[A-Za-z0-9_-]{8,100}$/;

/** Runs the write once per key; without a key (scripts, curl) it just runs. */
export async function idempotentWrite(
  req: NextRequest,
  ownerId: string,
  write: () => Promise<Response>,
): Promise<Response> {
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return write();
  if (!KEY_SHAPE.test(key)) {
    throw new AppError("bad_request", "The Idempotency-Key header must be 8–100 letters, digits, _ or -.");
  }
  const scope = `${req.method} ${req.nextUrl.pathname}`;
  const receipt = await findWriteReceipt(ownerId, key);
  if (receipt) {
    if (receipt.scope !== scope) {
      throw new AppError("unprocessable", "This Idempotency-Key was already used for another request.");
    }
    return new Response(receipt.body, {
      status: receipt.status,
      headers: { "content-type": "application/json", "cache-control": "no-store", "idempotent-replayed": "true" },
    });
  }
  const res = await write();
  // Only successes are kept: a refused write may be retried with the same key once fixed.
  if (res.ok) await saveWriteReceipt(ownerId, key, { scope, status: res.status, body: await res.clone().text() });
  return res;
}
