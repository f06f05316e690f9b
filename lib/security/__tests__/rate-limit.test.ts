import { describe, expect, it } from "vitest";
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

  it("takes the address the nearest trusted hop saw", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7, 10.0.0.1" });
    expect(clientAddress(h, 0)).toBe("10.0.0.1");
    expect(clientAddress(h, 1)).toBe("10.0.0.7");
    expect(clientAddress(h, 9)).toBe("6.6.6.6");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });
});
