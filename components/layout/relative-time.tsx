"use client";
// A date as "3 min ago" with the exact time on hover, kept current while the page stays open.
import { useSyncExternalStore } from "react";
import {
  calendarDate,
  type DateFormatOptions,
  type DateInput,
  exactTime,
  isoTime,
  relativeTime,
} from "@/lib/time/relative-time";

const REFRESH_MS = 30_000;
/** What the server and the hydrating browser both render: it depends on the date alone. */
const STABLE: DateFormatOptions = { locale: "en-US", timeZone: "UTC" };

// The clock as a store: the server and hydration read null (the text then depends on the date
// alone, so both agree), and React re-renders hydrated views with the browser's clock, zone and
// locale. A view mounted later reads the clock at once: no second render per mount (every cell
// run mounts one). The snapshot is the refresh period's number, so it is stable between ticks.
const subscribe = (tick: () => void) => {
  // Checked a few times a period, so a view is never a whole period late.
  const timer = setInterval(tick, REFRESH_MS / 3);
  return () => clearInterval(timer);
};
const period = () => Math.floor(Date.now() / REFRESH_MS);
const serverPeriod = () => null;

export function RelativeTime({
  value,
  prefix = "",
  className,
}: {
  value: DateInput;
  prefix?: string;
  className?: string;
}) {
  const now = useSyncExternalStore(subscribe, period, serverPeriod) === null ? null : Date.now();
  return (
    <time
      dateTime={isoTime(value)}
      title={now === null ? exactTime(value, STABLE) : exactTime(value)}
      className={className}
    >
      {prefix + (now === null ? calendarDate(value, STABLE) : relativeTime(value, now))}
    </time>
  );
}
