// A sliding-window request counter kept in this process's memory. Used for share-token lookups,
// which are anonymous and read-only: counting them in PostgreSQL would add a write to every page
// view of a shared notebook (the agent-run limit, by contrast, is per owner and counted in the DB,
// exact across instances). The trade-off: with N instances behind a load balancer a client can get
// up to N× the limit, and a restart forgets the counts — acceptable for a limit whose job is to
// stop floods and token guessing (256-bit tokens cannot be guessed anyway), not to meter.
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
 * The client's address as the nearest trusted hop saw it. Next sets X-Forwarded-For to the socket
 * address when the request has none; behind load balancers set PYLOT_TRUSTED_PROXY_HOPS to how many
 * of them append to the header, so the entry they vouch for is used (a client can prepend anything).
 */
export function clientAddress(
  headers: Headers,
  trustedHops = Number(process.env.PYLOT_TRUSTED_PROXY_HOPS ?? 0),
): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return "unknown";
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}
