"use client";
// A date as "3 min ago" with the exact time on hover, kept current while the page stays open.
import { useEffect, useState } from "react";
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

export function RelativeTime({
  value,
  prefix = "",
  className,
}: {
  value: DateInput;
  prefix?: string;
  className?: string;
}) {
  // Null until mounted: until then the text depends on the date alone (no clock, zone or locale),
  // so the server's markup and the hydrating browser's agree; then the browser's own takes over.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
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
