"use client";
// Plain text output, with ANSI colours. Very long text is collapsed to its head and tail until
// the person asks for all of it, so a cell printing 100 000 lines does not freeze the page.
import { useMemo, useState, type CSSProperties } from "react";
import { parseAnsi, sliceSegments, splitLines, type AnsiSegment, type AnsiStyle } from "./ansi";

const COLLAPSE_CHARS = 40_000;
const KEEP_CHARS = 8_000;
/** Expanded long text is laid out in blocks the browser skips while off screen (content-visibility). */
const BLOCK_LINES = 200;
const LINE_PX = 20; // leading-5

const css = (s: AnsiStyle): CSSProperties => ({
  color: s.color,
  backgroundColor: s.background,
  fontWeight: s.bold ? 600 : undefined,
  fontStyle: s.italic ? "italic" : undefined,
  textDecoration: s.underline ? "underline" : undefined,
});

const renderSegments = (segments: AnsiSegment[]) =>
  segments.map((s, i) =>
    s.style ? (
      <span key={i} data-ansi="" style={css(s.style)}>
        {s.text}
      </span>
    ) : (
      s.text
    ),
  );

export function StreamText({ text, className = "", testId }: { text: string; className?: string; testId?: string }) {
  const [expanded, setExpanded] = useState(false);
  const segments = useMemo(() => parseAnsi(text), [text]);
  const length = useMemo(() => segments.reduce((n, s) => n + s.text.length, 0), [segments]);
  const long = length > COLLAPSE_CHARS && !expanded;
  const shown: AnsiSegment[] = long
    ? [
        ...sliceSegments(segments, KEEP_CHARS, "start"),
        { text: "\n…\n", style: null },
        ...sliceSegments(segments, KEEP_CHARS, "end"),
      ]
    : segments;
  const blocks = useMemo(
    () => (expanded && length > COLLAPSE_CHARS ? splitLines(segments, BLOCK_LINES) : null),
    [expanded, length, segments],
  );
  return (
    <div>
      <pre
        data-testid={testId}
        className={`max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded px-2 py-1 font-mono text-[13px] leading-5 ${className}`}
      >
        {blocks
          ? blocks.map((b, i) => (
              <div key={i} style={{ contentVisibility: "auto", containIntrinsicSize: `auto ${b.lines * LINE_PX}px` }}>
                {renderSegments(b.segments)}
              </div>
            ))
          : renderSegments(shown)}
      </pre>
      {long && (
        <button
          type="button"
          data-testid="show-all-output"
          className="mt-1 text-xs text-blue-700 underline"
          onClick={() => setExpanded(true)}
        >
          Output collapsed ({length.toLocaleString()} characters) — show all
        </button>
      )}
    </div>
  );
}
