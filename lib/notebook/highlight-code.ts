// Server-side syntax highlighting for read-only views (the share page): highlight.js core with
// only the languages we need. Its output escapes every piece of source text; the only markup it
// adds is <span class="hljs-…">, so the HTML is safe to insert.
import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";

hljs.registerLanguage("python", python);

export function highlightPython(source: string): string {
  return hljs.highlight(source, { language: "python", ignoreIllegals: true }).value;
}
