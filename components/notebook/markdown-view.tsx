"use client";
import DOMPurify from "dompurify";
import { useMemo } from "react";
import { renderMarkdown } from "@/lib/notebook/render-markdown";

export function MarkdownView({ source, onEdit }: { source: string; onEdit?: () => void }) {
  const html = useMemo(() => {
    const raw = renderMarkdown(source);
    // DOMPurify needs a DOM; on the server the markdown-it output (raw HTML off) is already safe.
    return typeof window === "undefined" ? raw : DOMPurify.sanitize(raw, { ADD_ATTR: ["target"] });
  }, [source]);
  if (!source.trim()) {
    return (
      <div className="px-3 py-2 text-sm italic text-slate-400" onDoubleClick={onEdit}>
        Empty markdown cell — double-click to edit
      </div>
    );
  }
  return (
    <div
      className="markdown-body px-3 py-2"
      data-testid="markdown-rendered"
      onDoubleClick={onEdit}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
