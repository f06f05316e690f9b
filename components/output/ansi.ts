// ANSI SGR escapes (colours, bold, underline) in stream text and tracebacks, as styled
// segments. Other escape sequences are dropped. Text without ESC costs one indexOf.
export interface AnsiStyle {
  color?: string;
  background?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}
export interface AnsiSegment {
  text: string;
  style: AnsiStyle | null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts every ANSI sequence
const ESCAPE = /\u001b\[([0-9;]*)([A-Za-z])/g;
// The 16 terminal colours (xterm defaults, a little darker for a white page).
const BASIC = [
  "#000000",
  "#b91c1c",
  "#15803d",
  "#a16207",
  "#1d4ed8",
  "#a21caf",
  "#0e7490",
  "#6b7280",
  "#4b5563",
  "#ef4444",
  "#22c55e",
  "#ca8a04",
  "#3b82f6",
  "#d946ef",
  "#06b6d4",
  "#111827",
];

function color256(n: number): string | undefined {
  if (n < 16) return BASIC[n];
  if (n < 232) {
    const v = [0, 95, 135, 175, 215, 255];
    const i = n - 16;
    return `rgb(${v[Math.floor(i / 36)]},${v[Math.floor(i / 6) % 6]},${v[i % 6]})`;
  }
  if (n < 256) {
    const g = 8 + (n - 232) * 10;
    return `rgb(${g},${g},${g})`;
  }
  return undefined;
}

function apply(style: AnsiStyle, codes: number[]): AnsiStyle {
  const next = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) for (const k of Object.keys(next)) delete next[k as keyof AnsiStyle];
    else if (c === 1) next.bold = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 22) delete next.bold;
    else if (c === 23) delete next.italic;
    else if (c === 24) delete next.underline;
    else if (c >= 30 && c <= 37) next.color = BASIC[c - 30];
    else if (c >= 90 && c <= 97) next.color = BASIC[c - 90 + 8];
    else if (c === 39) delete next.color;
    else if (c >= 40 && c <= 47) next.background = BASIC[c - 40];
    else if (c >= 100 && c <= 107) next.background = BASIC[c - 100 + 8];
    else if (c === 49) delete next.background;
    else if (c === 38 || c === 48) {
      const key = c === 38 ? "color" : "background";
      if (codes[i + 1] === 5) {
        const v = color256(codes[i + 2] ?? -1);
        if (v) next[key] = v;
        i += 2;
      } else if (codes[i + 1] === 2) {
        next[key] = `rgb(${codes[i + 2] ?? 0},${codes[i + 3] ?? 0},${codes[i + 4] ?? 0})`;
        i += 4;
      }
    }
  }
  return next;
}

export function parseAnsi(text: string): AnsiSegment[] {
  if (!text.includes("\u001b")) return [{ text, style: null }];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let at = 0;
  const push = (t: string) => {
    if (t) segments.push({ text: t, style: Object.keys(style).length ? style : null });
  };
  for (const m of text.matchAll(ESCAPE)) {
    push(text.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[2] === "m") style = apply(style, m[1] ? m[1].split(";").map(Number) : [0]);
  }
  push(text.slice(at));
  return segments;
}

/** The first (or last) `chars` characters of the segments, styles kept. */
export function sliceSegments(segments: AnsiSegment[], chars: number, from: "start" | "end"): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let left = chars;
  const list = from === "start" ? segments : [...segments].reverse();
  for (const s of list) {
    if (left <= 0) break;
    const text = s.text.length <= left ? s.text : from === "start" ? s.text.slice(0, left) : s.text.slice(-left);
    out.push({ text, style: s.style });
    left -= text.length;
  }
  return from === "start" ? out : out.reverse();
}

/** Groups the segments into blocks of `lines` lines (a block ends right after a newline). */
export function splitLines(segments: AnsiSegment[], lines: number): { segments: AnsiSegment[]; lines: number }[] {
  const blocks: { segments: AnsiSegment[]; lines: number }[] = [];
  let current: AnsiSegment[] = [];
  let count = 0;
  for (const segment of segments) {
    let at = 0;
    while (at < segment.text.length) {
      let end = at;
      while (count < lines) {
        const nl = segment.text.indexOf("\n", end);
        if (nl === -1) {
          end = segment.text.length;
          break;
        }
        end = nl + 1;
        count++;
      }
      current.push({ text: segment.text.slice(at, end), style: segment.style });
      at = end;
      if (count >= lines) {
        blocks.push({ segments: current, lines: count });
        current = [];
        count = 0;
      }
    }
  }
  if (current.length) blocks.push({ segments: current, lines: Math.max(count, 1) });
  return blocks;
}
