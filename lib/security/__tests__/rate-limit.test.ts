import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "../client-address";
import { clientAddress, createRateLimiter } from "../rate-limit";

describe("sliding-window rate limiter", () => {
  it("allows the limit per window, per key, and recovers as the window slides", () => {
    const rl = createRateLimiter({ limit: 3, windowMs: 1000 });
    const t = 10_000;
    expect([rl.hit("a", t), rl.hit("a", t + 1), rl.hit("a", t + 2), rl.hit("a", t + 3)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(rl.hit("b", t + 3)).toBe(true); // other keys are counted apart
    // At the start of the next window the previous one still counts in full…
    expect(rl.hit("a", t + 1000)).toBe(false);
    // …and once it has slid past, requests pass again.
    expect(rl.hit("a", t + 1900)).toBe(true);
    expect(rl.hit("a", t + 5000)).toBe(true);
  });

  it("stays bounded under a flood of distinct keys", () => {
    const rl = createRateLimiter({ limit: 1, windowMs: 1000, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) rl.hit(`k${i}`, 1000 + i);
    expect(rl.size).toBeLessThanOrEqual(100);
  });

  it("keys on the address the server decided, never on a client's X-Forwarded-For", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7, 10.0.0.1", [CLIENT_ADDRESS_HEADER]: "192.0.2.9" });
    expect(clientAddress(h, 0)).toBe("192.0.2.9");
    expect(clientAddress(h, 2)).toBe("192.0.2.9");
    // Not through the server (next dev): with 0 hops the header is not believed at all.
    const spoofed = new Headers({ "x-forwarded-for": "6.6.6.6" });
    expect(clientAddress(spoofed, 0)).toBe("unknown");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });
});

describe("resolveClientAddress", () => {
  const chain = "6.6.6.6, 10.0.0.7, 10.0.0.1";
  it("0 hops: the socket address, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.5", chain, 0)).toBe("203.0.113.5");
    expect(resolveClientAddress("203.0.113.5", undefined, 0)).toBe("203.0.113.5");
    expect(resolveClientAddress(undefined, chain, 0)).toBe("unknown");
  });
  it("N hops: the Nth address from the right (what the outermost trusted proxy saw)", () => {
    expect(resolveClientAddress("10.0.0.2", chain, 1)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.2", chain, 2)).toBe("10.0.0.7");
    expect(resolveClientAddress("10.0.0.2", chain, 3)).toBe("6.6.6.6");
    expect(resolveClientAddress("10.0.0.2", ["6.6.6.6", "10.0.0.7, 10.0.0.1"], 2)).toBe("10.0.0.7");
  });
  it("N hops but fewer entries: the farthest entry; none: the socket", () => {
    expect(resolveClientAddress("10.0.0.2", chain, 9)).toBe("6.6.6.6");
    expect(resolveClientAddress("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
  });
});
