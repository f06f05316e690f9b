// The share page as one HTML string, rendered once per notebook version and served from a cache
// (app/s/[token]/route.ts). Plain strings instead of React: no hydration, no RSC payload, no
// script at all — the page is static markup plus a <form> for "Make a copy".
// Safety: every piece of notebook data goes through esc() (text and attribute values alike); the
// only markup we pass through is our own: highlight.js spans (it escapes the source), markdown-it
// with raw HTML off and its link validation (no javascript: URLs), and ANSI styles from a fixed
// palette. HTML from Python is rebuilt from an allowlist (components/output/sanitize-html.ts) and
// shown in a declarative shadow root (scoped styles, its own height, no script needed). The
// response's CSP allows no script at all either, so a slip in one layer is not enough.
import type { SharedFileEntry, SharedNotebook } from "@/lib/db/shared-notebooks";
import { SERVED_IMAGE_KEY, pickMime, textOf } from "@/lib/notebook/mime";
import type { Output } from "@/lib/notebook/outputs";
import type { CellDoc } from "@/lib/notebook/cell";
import { highlightPython } from "@/lib/notebook/highlight-code";
import { renderMarkdown } from "@/lib/notebook/render-markdown";
import { hasMath, KATEX_STYLESHEET, renderLatexOutput } from "@/lib/notebook/render-math";
import type { ImageAttachments } from "@/lib/notebook/attachments";
import { withServedImages } from "@/lib/sharing/served-images";
import { visibleText as shownName } from "@/lib/text/visible-text";
import { parseAnsi, sliceSegments, type AnsiSegment } from "@/components/output/ansi";
import { HTML_OUTPUT_STYLE, sanitizeHtmlOutput } from "@/components/output/sanitize-html";
import { SHARE_PAGE_CSS } from "./share-page-css";
import { exactTime, isoTime, relativeTime, type DateFormatOptions } from "@/lib/time/relative-time";

/** The share page is the same for every reader, so its dates are in one locale and zone. */
export const SHARE_PAGE_DATES: DateFormatOptions = { locale: "en-US", timeZone: "UTC" };

// HTML cannot carry NUL (a parser turns it into U+FFFD, or drops it): the page shows it as the
// control picture ␀, so what Python printed is still visible, and nothing else changes.
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\0": "\u2400",
};
/** Escapes text for element content and for quoted attribute values. */
export const esc = (value: unknown): string => String(value ?? "").replace(/[&<>"'\0]/g, (c) => ESCAPES[c]!);

/** encodeURIComponent throws on a lone surrogate (possible in Python strings); replace those first. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const encode = (value: string): string => encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD"));

/** Long text is shown as head and tail; the full text sits in a <details> (no script needed). */
const COLLAPSE_CHARS = 40_000;
const KEEP_CHARS = 8_000;

/**
 * highlight.js marks tokens as <span class="hljs-keyword">; the page uses one- or two-letter
 * classes instead (a smaller page). Scopes without a short name keep theirs.
 * The source text stays escaped as highlight.js escaped it (a double quote may go back to "
 * in element text).
 */
const SHORT: Record<string, string> = {
  "hljs-keyword": "k",
  "hljs-built_in": "b",
  "hljs-number": "n",
  "hljs-string": "s",
  "hljs-subst": "u",
  "hljs-comment": "c",
  "hljs-literal": "l",
  "hljs-meta": "m",
  "hljs-params": "p",
  "hljs-title function_": "f",
  "hljs-title class_": "t",
  "hljs-title": "t",
  "hljs-operator": "o",
  "hljs-variable": "v",
  "hljs-doctag": "d",
};
export function compactHighlight(html: string): string {
  return html
    .replace(/<span class="([^"]+)">/g, (tag, cls: string) => (SHORT[cls] ? `<span class="${SHORT[cls]}">` : tag))
    .replaceAll("&quot;", '"');
}

export function renderSharePage(token: string, shared: SharedNotebook, now: Date = new Date()): string {
  const { notebook, messages, files } = shared;
  const base = `/s/${token}`;
  const cells = notebook.cells.map((c) => cellHtml(c, token)).join("");
  const transcript = transcriptHtml(messages);
  // KaTeX's stylesheet (and its fonts) from our origin, only on pages that show math.
  const katex = hasMath(cells) || hasMath(transcript) ? `<link rel="stylesheet" href="${KATEX_STYLESHEET}">` : "";
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">` +
    `<title>${esc(shownName(notebook.title))} · Pylot (shared)</title>${katex}<style>${SHARE_PAGE_CSS}</style></head><body>` +
    `<header class="top"><div class="bar"><a href="/" class="brand">Pylot</a><span class="sep">/</span>` +
    `<h1 data-testid="shared-title">${esc(shownName(notebook.title))}</h1><span class="badge">read-only</span><span class="grow"></span>` +
    `<time class="saved" data-testid="shared-saved" datetime="${esc(isoTime(notebook.updatedAt))}" title="${esc(exactTime(notebook.updatedAt, SHARE_PAGE_DATES))}">` +
    `saved ${esc(relativeTime(notebook.updatedAt, now, SHARE_PAGE_DATES))}</time>` +
    // A same-origin navigation POST: the fork route checks Sec-Fetch-* and Origin (see its comment).
    `<form method="post" action="${esc(base)}/fork"><button type="submit" class="fork">Make a copy</button></form></div></header>` +
    `<div class="wrap"><main>${cells}</main>` +
    `<aside><section class="box"><h2>Agent conversation</h2>${transcript}</section>` +
    `<section class="box"><h2>Files</h2>${filesHtml(base, files)}</section></aside></div></body></html>`
  );
}

function cellHtml(cell: CellDoc, token: string): string {
  let body = "";
  if (cell.kind === "code")
    body = `<pre class="hljs code" data-testid="shared-code"><code>${compactHighlight(highlightPython(cell.source))}</code></pre>`;
  else if (cell.kind === "markdown") body = markdownHtml(cell.source, cell.attachments);
  else body = `<pre class="raw">${esc(cell.source)}</pre>`;
  const count = cell.kind === "code" ? `[${cell.executionCount ?? " "}]` : "";
  const outputs =
    cell.kind === "code" && cell.outputs.length
      ? `<div class="outputs" data-testid="cell-outputs">${withServedImages(token, cell.id, cell.outputs).map(outputHtml).join("")}</div>`
      : "";
  return `<section class="cell" data-testid="shared-cell" data-kind="${esc(cell.kind)}"><div class="row"><div class="count">${esc(count)}</div><div class="body">${body}</div></div>${outputs}</section>`;
}

function markdownHtml(source: string, attachments?: ImageAttachments): string {
  if (!source.trim()) return `<div class="empty">Empty markdown cell</div>`;
  return `<div class="markdown-body" data-testid="markdown-rendered">${renderMarkdown(source, attachments)}</div>`;
}

function outputHtml(output: Output): string {
  switch (output.output_type) {
    case "stream":
      return textHtml(
        textOf(output.text),
        `output-${output.name === "stderr" ? "stderr" : "stdout"}`,
        output.name === "stderr" ? "err" : "",
      );
    case "error": {
      const tb = Array.isArray(output.traceback) ? output.traceback.map(textOf) : [];
      return textHtml(
        tb.length ? tb.join("\n") : `${textOf(output.ename)}: ${textOf(output.evalue)}`,
        "output-error",
        "err",
      );
    }
    case "execute_result":
    case "display_data":
      return mimeHtml(
        output.data ?? {},
        output.output_type === "execute_result" ? "output-result" : "output-display",
        output.metadata,
      );
    default:
      return "";
  }
}

function mimeHtml(
  data: Record<string, unknown>,
  testId: string,
  metadata: Record<string, unknown> | undefined,
): string {
  const mime = pickMime(data);
  if (!mime) return "";
  const value = textOf(data[mime]);
  switch (mime) {
    case "text/html":
      // The sanitized markup has no <template> and no unclosed raw text: it cannot end the template.
      return `<div data-testid="${testId}" data-html-output="" class="html-out"><template shadowrootmode="open"><style>${HTML_OUTPUT_STYLE}</style>${sanitizeHtmlOutput(value)}</template></div>`;
    case "text/markdown":
      return `<div data-testid="${testId}">${markdownHtml(value)}</div>`;
    case "text/latex":
      return `<div data-testid="${testId}" class="latex">${renderLatexOutput(value)}</div>`;
    case "image/svg+xml":
      // As an <img>, SVG is an image: its scripts and event handlers never run.
      return `<img data-testid="${testId}" alt="SVG output" src="${esc(`data:image/svg+xml;charset=utf-8,${encode(value)}`)}">`;
    case "image/png":
    case "image/jpeg":
    case "image/gif": {
      const served = metadata?.[SERVED_IMAGE_KEY];
      const src =
        typeof served === "string" && /^\/s\/[\w-]+\/outputs\//.test(served)
          ? served
          : `data:${mime};base64,${value.replace(/\s/g, "")}`;
      return `<img data-testid="${testId}" alt="Image output" class="img" src="${esc(src)}">`;
    }
    case "application/json":
      return textHtml(JSON.stringify(data[mime], null, 2) ?? "", testId, "");
    default:
      return textHtml(value, testId, "");
  }
}

function segmentsHtml(segments: AnsiSegment[]): string {
  return segments
    .map((s) => {
      if (!s.style) return esc(s.text);
      const st = s.style;
      const css = [
        st.color && `color:${st.color}`,
        st.background && `background-color:${st.background}`,
        st.bold && "font-weight:600",
        st.italic && "font-style:italic",
        st.underline && "text-decoration:underline",
      ]
        .filter(Boolean)
        .join(";");
      return `<span data-ansi="" style="${esc(css)}">${esc(s.text)}</span>`;
    })
    .join("");
}

function textHtml(text: string, testId: string, cls: string): string {
  const segments = parseAnsi(text);
  const length = segments.reduce((n, s) => n + s.text.length, 0);
  if (length <= COLLAPSE_CHARS)
    return `<pre data-testid="${testId}" class="out ${cls}">${segmentsHtml(segments)}</pre>`;
  const shown = [
    ...sliceSegments(segments, KEEP_CHARS, "start"),
    { text: "\n…\n", style: null },
    ...sliceSegments(segments, KEEP_CHARS, "end"),
  ];
  return (
    `<pre data-testid="${testId}" class="out collapsed ${cls}">${segmentsHtml(shown)}</pre>` +
    `<details class="long"><summary data-testid="show-all-output">Output collapsed (${length.toLocaleString("en-US")} characters) — show all</summary>` +
    `<pre class="out ${cls}">${segmentsHtml(segments)}</pre></details>`
  );
}

type Block = { type?: string; text?: unknown; thinking?: unknown };

/** What the transcript shows of a message (the blocks were already reduced by findSharedNotebook). */
function visibleText(role: string, content: unknown): string {
  const blocks = (Array.isArray(content) ? content : []) as Block[];
  const texts = blocks.filter((b) => b.type === "text" && typeof b.text === "string").map((b) => b.text as string);
  if (role === "user") return texts.at(-1) ?? "";
  const calls = blocks.filter((b) => b.type === "tool_use").length;
  const text = texts.join("");
  const note = calls ? `${text ? "\n\n" : ""}_(wrote ${calls === 1 ? "a cell" : `${calls} cells`})_` : "";
  return text + note;
}

/** Progress notes, present only when the owner chose to share them (findSharedNotebook). */
function notesOf(content: unknown): string {
  const blocks = (Array.isArray(content) ? content : []) as Block[];
  return blocks
    .flatMap((b) => (b.type === "thinking" && typeof b.thinking === "string" ? [b.thinking] : []))
    .join("\n\n");
}

function transcriptHtml(messages: SharedNotebook["messages"]): string {
  const items = messages
    .map((m) => ({
      role: m.role === "user" ? "user" : "assistant",
      text: visibleText(m.role, m.content),
      notes: m.role === "user" ? "" : notesOf(m.content),
    }))
    .filter((m) => m.text || m.notes);
  if (!items.length) return `<p class="none">No agent conversation.</p>`;
  return `<div class="transcript" data-testid="agent-transcript">${items
    .map((m) =>
      m.role === "user"
        ? `<div data-role="user" class="msg-user"><p>${esc(m.text)}</p></div>`
        : `${m.notes ? `<details class="notes" data-testid="agent-notes"><summary>Notes</summary><p>${esc(m.notes)}</p></details>` : ""}${m.text ? `<div data-role="assistant" class="msg">${markdownHtml(m.text)}</div>` : ""}`,
    )
    .join("")}</div>`;
}

function filesHtml(base: string, files: SharedFileEntry[]): string {
  if (!files.length) return `<p class="none">No files.</p>`;
  return `<ul class="files" data-testid="shared-files">${files
    .map((f) => {
      const href = `${base}/files/${f.path.split("/").map(encode).join("/")}`;
      return `<li><a href="${esc(href)}" download rel="noreferrer">${esc(shownName(f.path))}</a><span class="size">${esc(formatSize(f.size))}</span></li>`;
    })
    .join("")}</ul>`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
