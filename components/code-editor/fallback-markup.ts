// The fallback editor's textarea as an HTML string (see fallback-editor.tsx for why a string).
// Cell sources are untrusted (an agent or an imported notebook writes them): every value is
// escaped, so no source can close the textarea and put markup in the page.
import { escapeHtml } from "@/lib/html/escape-html";

// Sized by its content (wrapped lines too) where the browser can; elsewhere it fills the
// editor box, whose height counts lines (code-editor.tsx).
const FALLBACK_CLASS =
  "block w-full resize-none overflow-hidden [field-sizing:content] bg-transparent py-2 pr-3 pl-[10px] font-mono text-[13px] leading-[19px] whitespace-pre-wrap text-slate-800 outline-none";

/** The textarea as HTML. The leading newline is eaten by the HTML parser, so text starting with one keeps it. */
export function fallbackMarkup(
  path: string,
  value: string,
  ariaLabel: string | undefined,
  readOnly: boolean | undefined,
): string {
  const attrs = [
    `data-testid="code-editor-fallback"`,
    `data-pylot-fallback="${escapeHtml(path)}"`,
    `class="${FALLBACK_CLASS}"`,
    `spellcheck="false" autocapitalize="off" autocomplete="off" autocorrect="off"`,
    ariaLabel ? `aria-label="${escapeHtml(ariaLabel)}"` : "",
    readOnly ? "readonly" : "",
  ].filter(Boolean);
  return `<textarea ${attrs.join(" ")}>\n${escapeHtml(value)}</textarea>`;
}
