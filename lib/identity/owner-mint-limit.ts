// How many new anonymous owners one client address may get per hour. Loading a page without an
// owner cookie makes a new owner, and each owner has its own run rate, so without this one address
// could start runs as fast as it can make owners. Counted in this process's memory like the share
// lookups (lib/security/rate-limit.ts): with N instances an address gets up to N× the limit, which
// the daily budgets (lib/spend) bound anyway. Requests that carry a valid owner cookie never count
// and are never refused. Keyed on the client address (PYLOT_TRUSTED_PROXY_HOPS decides which).
import { clientAddress, createRateLimiter, type RateLimiter } from "@/lib/security/rate-limit";

export const DEFAULT_OWNER_MINTS_PER_HOUR = 20;
const HOUR_MS = 60 * 60 * 1000;

/** null: no limit (PYLOT_OWNER_MINTS_PER_HOUR=0). */
export function ownerMintsPerHour(env: Record<string, string | undefined> = process.env): number | null {
  const raw = env.PYLOT_OWNER_MINTS_PER_HOUR;
  if (raw === undefined || raw.trim() === "") return DEFAULT_OWNER_MINTS_PER_HOUR;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.warn(`[identity] ignoring PYLOT_OWNER_MINTS_PER_HOUR="${raw}"; using ${DEFAULT_OWNER_MINTS_PER_HOUR}`);
    return DEFAULT_OWNER_MINTS_PER_HOUR;
  }
  return n === 0 ? null : n;
}

const cache = globalThis as { __pylotMintLimiter?: { limit: number; limiter: RateLimiter } };

/** Counts one new owner for the request's address; false when that address is over its limit. */
export function mayMintOwner(headers: Headers, now = Date.now()): boolean {
  const limit = ownerMintsPerHour();
  if (limit === null) return true;
  if (cache.__pylotMintLimiter?.limit !== limit) {
    cache.__pylotMintLimiter = { limit, limiter: createRateLimiter({ limit, windowMs: HOUR_MS }) };
  }
  return cache.__pylotMintLimiter.limiter.hit(clientAddress(headers), now);
}

/**
 * The page a browser without an owner cookie gets when its address made too many owners this hour:
 * plain HTML with no script, saying what happened and what to do.
 */
export function ownerMintRefusal(): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pylot: try again later</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}</style>
</head><body>
<h1>Too many new visitors from your network</h1>
<p>Pylot keeps each new browser's notebooks under a new identity, and this network address has
started more of them in the last hour than this Pylot instance allows.</p>
<p>Please try again within an hour. If you have used Pylot in this browser before, its cookies may
have been cleared; your notebooks are still there for the browser that has them.</p>
</body></html>`;
  return new Response(html, {
    status: 429,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": "3600",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
