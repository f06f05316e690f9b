import { describe, expect, it } from "vitest";
import { calendarDate, exactTime, isoTime, relativeTime } from "../relative-time";

const NOW = new Date("2026-12-05T18:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const en = { locale: "en-US", timeZone: "UTC" };

describe("relativeTime", () => {
  it("reads recent times in minutes and hours", () => {
    expect(relativeTime(ago(5_000), NOW, en)).toBe("just now");
    expect(relativeTime(ago(59_999), NOW, en)).toBe("just now");
    expect(relativeTime(ago(60_000), NOW, en)).toBe("1 min ago");
    expect(relativeTime(ago(3 * 60_000 + 30_000), NOW, en)).toBe("3 min ago");
    expect(relativeTime(ago(59 * 60_000), NOW, en)).toBe("59 min ago");
    expect(relativeTime(ago(60 * 60_000), NOW, en)).toBe("1 hour ago");
    expect(relativeTime(ago(23 * 3_600_000 + 59 * 60_000), NOW, en)).toBe("23 hours ago");
  });

  it("reads days, then falls back to the calendar date after a week", () => {
    expect(relativeTime(ago(25 * 3_600_000), NOW, en)).toBe("yesterday");
    expect(relativeTime(ago(3 * 86_400_000), NOW, en)).toBe("3 days ago");
    expect(relativeTime(ago(6 * 86_400_000 + 1), NOW, en)).toBe("6 days ago");
    expect(relativeTime(ago(7 * 86_400_000), NOW, en)).toBe("Nov 28, 2026");
    expect(relativeTime("2024-02-29T12:00:00Z", NOW, en)).toBe("Feb 29, 2024");
  });

  it("takes ISO strings and epoch numbers as well as dates", () => {
    expect(relativeTime("2026-12-05T17:57:00Z", NOW, en)).toBe("3 min ago");
    expect(relativeTime(NOW.getTime() - 2 * 3_600_000, NOW.getTime(), en)).toBe("2 hours ago");
  });

  it("treats a slightly fast clock as now and a far-future time as a date", () => {
    expect(relativeTime(new Date(NOW.getTime() + 20_000), NOW, en)).toBe("just now");
    expect(relativeTime("2027-01-10T00:00:00Z", NOW, en)).toBe("Jan 10, 2027");
  });

  it("says so for a value that is not a date", () => {
    expect(relativeTime("not a date", NOW, en)).toBe("unknown date");
    expect(exactTime("not a date", en)).toBe("unknown date");
    expect(isoTime("not a date")).toBe("");
    expect(calendarDate("not a date", en)).toBe("unknown date");
  });
});

describe("exactTime", () => {
  it("gives the full date and the time to the second, with its zone", () => {
    expect(exactTime("2026-12-05T17:57:09Z", en)).toBe("Saturday, December 5, 2026 at 5:57:09 PM UTC");
    expect(isoTime("2026-12-05T17:57:09Z")).toBe("2026-12-05T17:57:09.000Z");
  });
});
