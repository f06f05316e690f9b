// Human dates: "3 min ago" for the eye, the exact time for a hover (the list and share pages).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DateInput = Date | string | number;

export interface DateFormatOptions {
  /** BCP 47 locale; undefined means the runtime's own (the browser's). */
  locale?: string;
  /** IANA zone; undefined means the runtime's own. The server passes "UTC". */
  timeZone?: string;
}

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

// Building an Intl.DateTimeFormat costs far more than formatting with one, and every cell's run
// time renders an exact time on each run: one formatter per style, locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: "exact" | "day", options: DateFormatOptions): Intl.DateTimeFormat {
  const key = `${style}|${options.locale ?? ""}|${options.timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    const parts: Intl.DateTimeFormatOptions =
      style === "exact"
        ? { dateStyle: "full", timeStyle: "long" }
        : { day: "numeric", month: "short", year: "numeric" };
    f = new Intl.DateTimeFormat(options.locale, { ...parts, timeZone: options.timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** "just now", "3 min ago", "2 hours ago", "yesterday", "4 days ago", then the date itself. */
export function relativeTime(value: DateInput, now: DateInput = Date.now(), options: DateFormatOptions = {}): string {
  const then = toDate(value);
  const elapsed = toDate(now).getTime() - then.getTime();
  if (Number.isNaN(elapsed)) return "unknown date";
  // A clock slightly ahead of ours still reads as "just now"; further ahead, the date says it plainly.
  if (elapsed < -MINUTE) return calendarDate(then, options);
  if (elapsed < MINUTE) return "just now";
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) {
    const hours = Math.floor(elapsed / HOUR);
    return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  }
  if (elapsed < 2 * DAY) return "yesterday";
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)} days ago`;
  return calendarDate(then, options);
}

/** The full date and time with seconds and zone, for a tooltip. */
export function exactTime(value: DateInput, options: DateFormatOptions = {}): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return "unknown date";
  return formatter("exact", options).format(date);
}

/** The ISO form for a <time datetime> attribute ("" when the value is not a date). */
export function isoTime(value: DateInput): string {
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** The day alone, "Dec 5, 2026" in en-US. */
export function calendarDate(value: DateInput, options: DateFormatOptions = {}): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return "unknown date";
  return formatter("day", options).format(date);
}
