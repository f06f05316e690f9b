// A sliding-window request counter kept in this process's memory. Used for share-token lookups,
// which are anonymous and read-only: counting them in PostgreSQL would add a write to every page
// view of a shared notebook (the agent-run limit, by contrast, is per owner and counted in the DB,
// exact across instances). The trade-off: with N instances behind a load balancer a client can get
// up to N× the limit, and a restart forgets the counts — acceptable for a limit whose job is to
// stop floods and token guessing (256-bit tokens cannot be guessed anyway), not to meter.
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, trustedProxyHops } from "./client-address";

export interface RateLimiter {
  /** Counts one request for `key`; false when it is over the limit. */
  hit(key: string, now?: number): boolean;
  readonly size: number;
}

export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const { limit, windowMs, maxKeys = 50_000 } = opts;
  const windows = new Map<string, { start: number; count: number; previous: number }>();

  function prune(now: number) {
    for (const [key, w] of windows) if (now - w.start >= 2 * windowMs) windows.delete(key);
    // Still full (a flood of distinct keys): drop the oldest entries rather than grow without bound.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  }

  return {
    hit(key, now = Date.now()) {
      let w = windows.get(key);
      if (!w) {
        if (windows.size >= maxKeys) prune(now);
        w = { start: now - (now % windowMs), count: 0, previous: 0 };
        windows.set(key, w);
      }
      const start = now - (now % windowMs);
      if (start !== w.start) {
        w.previous = start - w.start === windowMs ? w.count : 0;
        w.start = start;
        w.count = 0;
      }
      // Sliding estimate: this window's count plus the part of the previous one still in view.
      const weight = 1 - (now - start) / windowMs;
      if (w.count + w.previous * weight >= limit) return false;
      w.count++;
      return true;
    },
    get size() {
      return windows.size;
    },
  };
}

/**
 * The address to rate-limit this request by: the one scripts/server.ts decided from the socket and
 * the trusted hops (lib/security/client-address.ts). A request that did not pass through it
 * (`next dev`) has no socket address here, so only trusted proxies' entries count, else "unknown".
 */
export function clientAddress(headers: Headers, trustedHops = trustedProxyHops()): string {
  const decided = headers.get(CLIENT_ADDRESS_HEADER);
  if (decided) return decided;
  return resolveClientAddress(undefined, headers.get("x-forwarded-for") ?? undefined, trustedHops);
}
