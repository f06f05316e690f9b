// HTML from Python, made safe to place inline (a shadow root in the notebook, a declarative
// shadow root on the share page), the same way on the server and in the browser. It never trusts
// its own parsing: the input is read leniently, and the output is rebuilt from an allowlist, so
// every tag we write is one of ours, every attribute value is quoted and escaped, and every piece
// of text is escaped. A tag we do not know, a script, a handler or a javascript: URL therefore
// cannot reach the page, whatever the input looks like. The pages' CSPs allow no inline script
// either, so one layer failing is not enough.

const TAGS = new Set(
  (
    "a abbr b bdi bdo big blockquote br caption center cite code col colgroup dd del details dfn div dl dt em " +
    "figcaption figure font h1 h2 h3 h4 h5 h6 hr i img ins kbd label li mark ol p pre q s samp small span strike " +
    "strong sub summary sup table tbody td tfoot th thead time tr tt u ul var"
  ).split(" "),
);
const VOID = new Set(["br", "col", "hr", "img"]);
/** Elements whose content is not markup: dropped with their content (style is kept, see below). */
const RAW_DROPPED = new Set(["script", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]);
const ATTRS = new Set(
  (
    "class id style title align valign colspan rowspan span border cellpadding cellspacing width height " +
    "alt lang dir open start type reversed color face size datetime"
  ).split(" "),
);
const SAFE_URL = /^(?:https?:|mailto:|#)/i;
const SAFE_IMAGE = /^(?:data:image\/(?:png|jpeg|gif|webp);|https?:)/i;

/** `&name;` / `&#10;` / `&#x1F;` stay references (the parser decodes them to text); a lone `&` is escaped. */
const escapeText = (text: string): string =>
  text.replace(/&(?!(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});)|[<>"'\0]/gi, (c) =>
    c === "&"
      ? "&amp;"
      : c === "<"
        ? "&lt;"
        : c === ">"
          ? "&gt;"
          : c === '"'
            ? "&quot;"
            : c === "'"
              ? "&#39;"
              : "\uFFFD",
  );

/** Named and numeric references decoded enough to check a URL's scheme (`&#106;avascript:`). */
function decodeForCheck(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(Number.parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&colon;?/gi, ":")
    .replace(/&tab;?|&newline;?|[\s\0]/gi, "");
}

interface Tag {
  name: string;
  end: boolean;
  attrs: [string, string][];
  /** Index just past the tag's `>`. */
  next: number;
}

const NAME_END = /[\s/>]/;

/** Reads the tag starting at `<` (html[i] === "<"); null when it is not a tag (then `<` is text). */
function readTag(html: string, i: number): Tag | null {
  let p = i + 1;
  const end = html[p] === "/";
  if (end) p++;
  if (!/[a-z]/i.test(html[p] ?? "")) return null;
  const start = p;
  while (p < html.length && !NAME_END.test(html[p]!)) p++;
  const name = html.slice(start, p).toLowerCase();
  const attrs: [string, string][] = [];
  while (p < html.length) {
    while (p < html.length && /[\s/]/.test(html[p]!)) p++;
    if (p >= html.length || html[p] === ">") break;
    const aStart = p;
    p++; // a first "=" belongs to the name, as in the HTML tokenizer
    while (p < html.length && !/[\s/>=]/.test(html[p]!)) p++;
    const attr = html.slice(aStart, p).toLowerCase();
    while (p < html.length && /\s/.test(html[p]!)) p++;
    let value = "";
    if (html[p] === "=") {
      p++;
      while (p < html.length && /\s/.test(html[p]!)) p++;
      const q = html[p];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, p + 1);
        const stop = close < 0 ? html.length : close;
        value = html.slice(p + 1, stop);
        p = stop + 1;
      } else {
        const vStart = p;
        while (p < html.length && !/[\s>]/.test(html[p]!)) p++;
        value = html.slice(vStart, p);
      }
    }
    attrs.push([attr, value]);
  }
  return { name, end, attrs, next: Math.min(p + 1, html.length) };
}

function attrsHtml(tag: Tag): string {
  let out = "";
  for (const [name, value] of tag.attrs) {
    if (name === "href" && tag.name === "a") {
      if (SAFE_URL.test(decodeForCheck(value)))
        out += ` href="${escapeText(value)}" target="_blank" rel="noopener noreferrer"`;
    } else if (name === "src" && tag.name === "img") {
      if (SAFE_IMAGE.test(decodeForCheck(value))) out += ` src="${escapeText(value)}"`;
    } else if (ATTRS.has(name)) {
      out += ` ${name}="${escapeText(value)}"`;
    }
  }
  return out;
}

/** A style sheet's text, kept inside our <style> element: it cannot close it or open markup. */
const styleText = (css: string): string => css.replace(/</g, "\\3c ");

/** Safe markup for `html`: allowlisted tags and attributes, all text escaped. */
export function sanitizeHtmlOutput(html: string): string {
  let out = "";
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      out += escapeText(html.slice(i));
      break;
    }
    out += escapeText(html.slice(i, lt));
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const close = html.indexOf(">", lt);
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      out += "&lt;";
      i = lt + 1;
      continue;
    }
    i = tag.next;
    if (!tag.end && (RAW_DROPPED.has(tag.name) || tag.name === "style" || tag.name === "plaintext")) {
      // Content up to the matching end tag is not markup; a style sheet is kept (it is scoped
      // to the output's shadow root), the rest is dropped.
      const close = tag.name === "plaintext" ? -1 : html.toLowerCase().indexOf(`</${tag.name}`, i);
      const content = html.slice(i, close < 0 ? html.length : close);
      if (tag.name === "style") out += `<style>${styleText(content)}</style>`;
      i = close < 0 ? html.length : (readTag(html, close)?.next ?? html.length);
      continue;
    }
    if (!TAGS.has(tag.name)) continue;
    if (tag.end) out += VOID.has(tag.name) ? "" : `</${tag.name}>`;
    else out += `<${tag.name}${attrsHtml(tag)}>`;
  }
  return out;
}

/**
 * The base style of an HTML output's shadow root: the host scrolls sideways (a wide table stays
 * inside its cell), and it clips and contains what it shows (nothing positioned can cover the page).
 */
export const HTML_OUTPUT_STYLE =
  ":host{display:block;max-width:100%;overflow-x:auto;contain:paint;font:13px system-ui,sans-serif;color:#0f172a}" +
  "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right;white-space:nowrap}" +
  "th{font-weight:600}h1,h2,h3,h4{margin:.25em 0}p{margin:.25em 0}img{max-width:100%}";
