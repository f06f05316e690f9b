"use client";
// A date as "3 min ago" with the exact time on hover, kept current while the page stays open.
import { useEffect, useState } from "react";
import { exactTime, isoTime, relativeTime, type DateInput } from "@/lib/time/relative-time";

const REFRESH_MS = 30_000;

export function RelativeTime({
  value,
  prefix = "",
  className,
}: {
  value: DateInput;
  prefix?: string;
  className?: string;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    // The server's clock, zone and locale differ from the browser's: the browser's text wins.
    <time dateTime={isoTime(value)} title={exactTime(value)} className={className} suppressHydrationWarning>
      {prefix + relativeTime(value, now)}
    </time>
  );
}
