// Markdown → HTML that cannot run script: markdown-it with raw HTML disabled (it escapes it)
// and its link validation (no javascript:/vbscript:/file: URLs); in the browser DOMPurify
// sanitizes the result once more, so a bug in one layer is not enough.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// Links open in a new tab and never hand the opener over.
const defaultLinkOpen = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("target", "_blank");
  tokens[idx]!.attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen ? defaultLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
