// The address a request's rate limits are keyed on, decided once in the custom server
// (scripts/server.ts), which alone sees the socket, and passed to Next and the route handlers in
// CLIENT_ADDRESS_HEADER (any copy the client sent is replaced). X-Forwarded-For is client-written
// text except for the entries our own proxies appended: with N trusted hops, each appends the
// address it saw, so the Nth entry from the right is the one the outermost proxy vouches for.
// With 0 hops the header is ignored entirely, so a client cannot pick its own key, nor claim
// another client's address to lock it out.

export const CLIENT_ADDRESS_HEADER = "x-pylot-client-address";

export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const hops = Number(env.PYLOT_TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  if (hops > 0) {
    const chain = [forwardedFor ?? []]
      .flat()
      .flatMap((h) => h.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the farthest one any trusted proxy reported.
    if (chain.length > 0) return chain[Math.max(0, chain.length - hops)]!;
  }
  return socketAddress ?? "unknown";
}
