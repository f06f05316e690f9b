import { describe, expect, it } from "vitest";
import { formatDuration } from "../format-duration";

describe("formatDuration", () => {
  it("reads like a person would say it, truncating rather than rounding up", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(12.4)).toBe("12 ms");
    expect(formatDuration(999.4)).toBe("999 ms");
    expect(formatDuration(1000)).toBe("1.0 s");
    expect(formatDuration(1299)).toBe("1.2 s");
    expect(formatDuration(9999)).toBe("9.9 s");
    expect(formatDuration(42_900)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
    expect(formatDuration(2 * 3_600_000 + 4 * 60_000)).toBe("2 h 4 min");
  });

  it("shows a dash for what is not a duration", () => {
    expect(formatDuration(-1)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("—");
  });
});
