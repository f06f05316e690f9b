"use client";
// HTML from Python rendered inline, in its own shadow root, as JupyterLab does for untrusted
// output: sanitized first (sanitize-html.ts: no script, no handlers, no javascript: URLs), its
// styles scoped to the root, and its height the content's own, so nothing is ever cut off.
import { useLayoutEffect, useMemo, useRef } from "react";
import { HTML_OUTPUT_STYLE, sanitizeHtmlOutput } from "./sanitize-html";

export function IsolatedHtml({ html, testId }: { html: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const safe = useMemo(() => sanitizeHtmlOutput(html), [html]);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
    root.innerHTML = `<style>${HTML_OUTPUT_STYLE}</style>${safe}`;
  }, [safe]);
  return <div ref={host} data-testid={testId} data-html-output="" className="min-w-0 max-w-full" />;
}
