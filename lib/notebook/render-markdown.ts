// Markdown → HTML that cannot run script: markdown-it with raw HTML disabled (it escapes it)
// and its link validation (no javascript:/vbscript:/file: URLs); in the browser DOMPurify
// sanitizes the result once more, so a bug in one layer is not enough. Math renders with KaTeX
// (render-math.ts); `attachment:` images come from the cell's own attachments as data: URLs.
import MarkdownIt from "markdown-it";
import { attachmentUrl, type ImageAttachments } from "./attachments";
import { mathPlugin } from "./render-math";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).use(mathPlugin);

// Links open in a new tab and never hand the opener over.
const defaultLinkOpen = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("target", "_blank");
  tokens[idx]!.attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen ? defaultLinkOpen(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

type RenderEnv = { attachments?: ImageAttachments } & Record<string, unknown>;

// `attachment:name` is not a URL a browser can load (and the CSP would refuse it): swap in the
// cell's attachment; a missing one keeps its alt text and loses the src.
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet("src") ?? "");
  if (src.startsWith("attachment:")) {
    const url = attachmentUrl(src, (env as RenderEnv | undefined)?.attachments);
    if (url) token.attrSet("src", url);
    else {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "src");
      token.attrSet("data-missing-attachment", src.slice("attachment:".length));
    }
  }
  return defaultImage(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string, attachments?: ImageAttachments): string {
  const env: RenderEnv = { attachments };
  return md.render(source, env);
}
