"use client";
import DOMPurify from "dompurify";
import { useMemo } from "react";
import type { ImageAttachments } from "@/lib/notebook/attachments";
import { renderMarkdown } from "@/lib/notebook/render-markdown";
import { hasMath } from "@/lib/notebook/render-math";
import { KatexStylesheet } from "./katex-stylesheet";
import { useTex } from "./use-tex";

/** HTML we rendered (markdown-it, KaTeX), sanitized once more in the browser. */
export function sanitizeRendered(raw: string): string {
  // DOMPurify needs a DOM; on the server the markdown-it output (raw HTML off) is already safe.
  return typeof window === "undefined" ? raw : DOMPurify.sanitize(raw, { ADD_ATTR: ["target"] });
}

export function MarkdownView({
  source,
  attachments,
  onEdit,
}: {
  source: string;
  attachments?: ImageAttachments;
  onEdit?: () => void;
}) {
  // `$` is where math could start: only then is KaTeX worth loading.
  const tex = useTex(source.includes("$"));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tex` is read by renderMarkdown (through KaTeX being loaded)
  const html = useMemo(() => sanitizeRendered(renderMarkdown(source, attachments)), [source, attachments, tex]);
  if (!source.trim()) {
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: double-click to edit, as in Jupyter; the cell toolbar's Edit button is the keyboard path
      <div className="px-3 py-2 text-sm italic text-slate-400" onDoubleClick={onEdit}>
        Empty markdown cell — double-click to edit
      </div>
    );
  }
  return (
    <>
      {hasMath(html) && <KatexStylesheet />}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: double-click to edit, as in Jupyter; the toolbar's Edit button is the keyboard path */}
      <div
        className="markdown-body px-3 py-2"
        data-testid="markdown-rendered"
        onDoubleClick={onEdit}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered markdown sanitized by DOMPurify (sanitizeRendered)
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </>
  );
}
