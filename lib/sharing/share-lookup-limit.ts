// The per-address limit on share-token lookups (the /s/<token> page, its figures and files, the
// fork form), counted in each share route before anything touches the database. In memory per
// instance: see lib/security/rate-limit.ts. The share routes skip proxy.ts: it would do nothing
// else for them, and running it costs a measurable part of the share page's per-request time.
import "server-only";
import { clientAddress, createRateLimiter, type RateLimiter } from "@/lib/security/rate-limit";

const cache = globalThis as { __pylotShareLimiter?: RateLimiter };

export function shareLookupLimiter(): RateLimiter {
  cache.__pylotShareLimiter ??= createRateLimiter({
    limit: Number(process.env.PYLOT_SHARE_LOOKUPS_PER_MINUTE ?? 1200),
    windowMs: 60_000,
  });
  return cache.__pylotShareLimiter;
}

/** A 429 when this client is over the limit (the request is counted either way), else null. */
export function refuseOverShareLimit(req: Request): Response | null {
  if (shareLookupLimiter().hit(clientAddress(req.headers))) return null;
  return new Response("Too many shared-notebook requests from your address; wait a minute.", {
    status: 429,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": "60",
      "x-robots-tag": "noindex, nofollow",
      "referrer-policy": "no-referrer",
    },
  });
}
