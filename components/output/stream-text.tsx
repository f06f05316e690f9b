"use client";
// Plain text output. Very long text is collapsed to its head and tail until the person asks
// for all of it, so a cell printing 100 000 lines does not freeze the page.
import { useState } from "react";

const COLLAPSE_CHARS = 40_000;
const KEEP_CHARS = 8_000;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function StreamText({ text, className = "", testId }: { text: string; className?: string; testId?: string }) {
  const [expanded, setExpanded] = useState(false);
  const clean = text.replace(ANSI, "");
  const long = clean.length > COLLAPSE_CHARS && !expanded;
  const shown = long ? `${clean.slice(0, KEEP_CHARS)}\n…\n${clean.slice(-KEEP_CHARS)}` : clean;
  return (
    <div>
      <pre data-testid={testId} className={`max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded px-2 py-1 font-mono text-[13px] leading-5 ${className}`}>
        {shown}
      </pre>
      {long && (
        <button className="mt-1 text-xs text-blue-700 underline" onClick={() => setExpanded(true)}>
          Output collapsed ({clean.length.toLocaleString()} characters) — show all
        </button>
      )}
    </div>
  );
}
