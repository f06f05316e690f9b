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
  // Null until mounted: the server's render (its clock, zone and locale) is replaced right after
  // hydration by the browser's.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={isoTime(value)} title={exactTime(value)} className={className} suppressHydrationWarning>
      {prefix + relativeTime(value, now ?? Date.now())}
    </time>
  );
}
