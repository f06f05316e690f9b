// The per-address limit on share-token lookups (/s/<token> pages and file downloads), counted in
// proxy.ts before anything touches the database. In memory per instance: see lib/security/rate-limit.ts.
import { createRateLimiter, type RateLimiter } from "@/lib/security/rate-limit";

const cache = globalThis as { __pylotShareLimiter?: RateLimiter };

export function shareLookupLimiter(): RateLimiter {
  cache.__pylotShareLimiter ??= createRateLimiter({
    limit: Number(process.env.PYLOT_SHARE_LOOKUPS_PER_MINUTE ?? 1200),
    windowMs: 60_000,
  });
  return cache.__pylotShareLimiter;
}
