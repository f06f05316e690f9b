import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../database-unavailable";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable or restarting database however the driver wraps it", () => {
    expect(isDatabaseUnavailable(withCode("P1001"))).toBe(true); // Prisma: can't reach
    expect(isDatabaseUnavailable(withCode("ECONNREFUSED"))).toBe(true); // pg: socket refused
    expect(isDatabaseUnavailable(withCode("57P01"))).toBe(true); // admin shutdown
    expect(isDatabaseUnavailable(withCode("08006"))).toBe(true); // connection failure
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: withCode("ECONNRESET") }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED")]))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
  });
  it("leaves bugs and data errors alone (they stay 4xx/500)", () => {
    expect(isDatabaseUnavailable(withCode("P2002"))).toBe(false); // unique constraint
    expect(isDatabaseUnavailable(withCode("22P05"))).toBe(false); // NUL in text
    expect(isDatabaseUnavailable(new RangeError("Maximum call stack size exceeded"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
