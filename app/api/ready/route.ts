// Readiness for load balancers: 200 when this instance can reach the database within a short
// timeout, else 503 with Retry-After, so traffic moves to instances that can serve it.
import { pingDatabase } from "@/lib/db/client";
import { OUTAGE_RETRY_AFTER_SECONDS } from "@/lib/http/database-unavailable";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = Number(process.env.PYLOT_READY_TIMEOUT_MS ?? 2000);

export async function GET() {
  if (await pingDatabase(TIMEOUT_MS)) {
    return Response.json({ ok: true, database: "up" }, { headers: { "cache-control": "no-store" } });
  }
  return Response.json(
    { ok: false, database: "unreachable" },
    {
      status: 503,
      headers: { "cache-control": "no-store", "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) },
    },
  );
}
