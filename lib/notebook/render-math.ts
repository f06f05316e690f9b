// LaTeX math with KaTeX, the one renderer for markdown `$…$` / `$$…$$` and `text/latex` outputs,
// on the notebook and the share page alike. KaTeX runs with trust off (no \href, \url, \includegraphics,
// no raw HTML), so its output is markup we generate; errors render as the source in red, never throw.
// The fonts and CSS are served from our own origin (public/katex, copied by scripts/assets).
// KaTeX is a third of the notebook page's script, and most notebooks show no math: it loads on
// first need (loadTex); until then math shows as its TeX source (use-tex.ts re-renders once loaded).
import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";

type Katex = typeof import("katex")["default"];

/** Where the browser loads KaTeX's stylesheet (its fonts sit beside it). */
export const KATEX_STYLESHEET = "/katex/katex.min.css";

/** True when rendered HTML contains KaTeX output (the page then needs the stylesheet). */
export const hasMath = (html: string): boolean => html.includes('class="katex');

let katex: Katex | null = null;
let loading: Promise<void> | null = null;
const loadedListeners = new Set<() => void>();

/** Loads KaTeX once; a failed load (a network blip) may be retried by the next call. */
export function loadTex(): Promise<void> {
  loading ??= import("katex").then(
    (m) => {
      katex = m.default;
      for (const listener of loadedListeners) listener();
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export const texLoaded = (): boolean => katex !== null;

export function onTexLoaded(listener: () => void): () => void {
  loadedListeners.add(listener);
  return () => loadedListeners.delete(listener);
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderTex(tex: string, displayMode: boolean): string {
  if (!katex) {
    const source = displayMode ? `$$${tex}$$` : `$${tex}$`;
    return `<span class="math-pending" data-testid="math-pending">${escapeHtml(source)}</span>`;
  }
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    trust: false,
    strict: "ignore",
    // A pathological macro cannot expand forever or blow up the page.
    maxExpand: 1000,
    maxSize: 50,
  });
}

/**
 * A `text/latex` output: Jupyter's are `$$…$$`, `$…$` (sympy: `$\displaystyle …$`), `\[…\]`,
 * `\(…\)`, or a bare environment such as `\begin{equation}…\end{equation}`.
 */
export function renderLatexOutput(source: string): string {
  const text = source.trim();
  const wrapped =
    /^\$\$([\s\S]+)\$\$$/.exec(text) ?? /^\\\[([\s\S]+)\\\]$/.exec(text) ?? /^\$([^$][\s\S]*)\$$/.exec(text);
  if (wrapped) return renderTex(wrapped[1]!, true);
  const inline = /^\\\(([\s\S]+)\\\)$/.exec(text);
  if (inline) return renderTex(inline[1]!, false);
  return renderTex(text, true);
}

/** True when `$` at pos may open inline math: not escaped, not followed by a space (Pandoc's rule). */
function canOpen(src: string, pos: number): boolean {
  const next = src.charCodeAt(pos + 1);
  return !Number.isNaN(next) && next !== 0x20 && next !== 0x09 && next !== 0x0a;
}

/** True when `$` at pos may close inline math: not after a space, not before a digit ($5 and $6). */
function canClose(src: string, pos: number): boolean {
  const prev = src.charCodeAt(pos - 1);
  const next = src.charCodeAt(pos + 1);
  return prev !== 0x20 && prev !== 0x09 && prev !== 0x0a && !(next >= 0x30 && next <= 0x39);
}

function inlineMath(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x24 /* $ */) return false;
  const display = src.charCodeAt(pos + 1) === 0x24;
  const start = pos + (display ? 2 : 1);
  if (!display && !canOpen(src, pos)) return false;
  let end = start;
  for (;;) {
    end = src.indexOf(display ? "$$" : "$", end);
    if (end === -1) return false;
    if (src.charCodeAt(end - 1) === 0x5c /* \ */) {
      end += 1;
      continue;
    }
    if (display || canClose(src, end)) break;
    end += 1;
  }
  if (end === start) return false;
  if (!silent) {
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.content = src.slice(start, end);
  }
  state.pos = end + (display ? 2 : 1);
  return true;
}

/** `$$` at the start of a line opens display math that may span lines, up to the next `$$`. */
function blockMath(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  let max = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (state.src.slice(pos, pos + 2) !== "$$") return false;
  pos += 2;
  let first = state.src.slice(pos, max);
  let last = "";
  let line = startLine;
  let closed = false;
  if (first.trimEnd().endsWith("$$")) {
    first = first.trimEnd().slice(0, -2);
    closed = true;
  }
  while (!closed) {
    line++;
    if (line >= endLine) return false;
    pos = state.bMarks[line]! + state.tShift[line]!;
    max = state.eMarks[line]!;
    const text = state.src.slice(pos, max).trimEnd();
    if (text.endsWith("$$")) {
      last = text.slice(0, -2);
      closed = true;
    }
  }
  if (silent) return true;
  state.line = line + 1;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = [
    first,
    line > startLine ? state.getLines(startLine + 1, line, state.tShift[startLine]!, true) : "",
    last,
  ]
    .filter((s) => s.trim())
    .join("\n");
  token.map = [startLine, state.line];
  return true;
}

/** markdown-it plugin: math runs before escapes and emphasis, so `_` and `\` inside it stay TeX. */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "math_inline", inlineMath);
  md.block.ruler.before("fence", "math_block", blockMath, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.math_inline = (tokens, idx) => renderTex(tokens[idx]!.content, false);
  md.renderer.rules.math_inline_display = (tokens, idx) => renderTex(tokens[idx]!.content, true);
  md.renderer.rules.math_block = (tokens, idx) =>
    `<div class="math-block">${renderTex(tokens[idx]!.content, true)}</div>\n`;
}
