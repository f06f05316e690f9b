// Answers to writes that carried an Idempotency-Key (migration 20261205190000_write_receipts).
// A receipt is written after the write succeeded and before its reply leaves the server, so a
// reply lost on the way always has its receipt for the retry.
import "server-only";
import { poolQuery } from "./client";

export interface WriteReceipt {
  scope: string;
  status: number;
  body: string;
}

/** Receipts live this long: a retry comes seconds or minutes later, never days. */
const KEEP_HOURS = 24;

export async function findWriteReceipt(ownerId: string, key: string): Promise<WriteReceipt | null> {
  const { rows } = await poolQuery<WriteReceipt>({
    name: "write_receipt_find",
    text: `SELECT scope, status, body FROM "WriteReceipt" WHERE "ownerId" = $1::uuid AND key = $2`,
    values: [ownerId, key],
  });
  return rows[0] ?? null;
}

export async function saveWriteReceipt(ownerId: string, key: string, receipt: WriteReceipt): Promise<void> {
  await poolQuery({
    name: "write_receipt_save",
    text: `INSERT INTO "WriteReceipt" ("ownerId", key, scope, status, body) VALUES ($1::uuid, $2, $3, $4::int, $5)
           ON CONFLICT ("ownerId", key) DO NOTHING`,
    values: [ownerId, key, receipt.scope, receipt.status, receipt.body],
  });
  // Pruned now and then rather than by a scheduler: the servers are stateless.
  if (Math.random() < 0.01) {
    await poolQuery({
      text: `DELETE FROM "WriteReceipt" WHERE "createdAt" < now() - make_interval(hours => $1::int)`,
      values: [KEEP_HOURS],
    });
  }
}
