"use client";
// HTML from Python in an iframe with an empty sandbox: no scripts, no same-origin access, no
// forms, no top navigation. That makes the frame cross-origin: its content cannot be measured
// and it cannot message us, so its height is estimated from the markup (html-height.ts).
import { useRef, useState } from "react";
import { estimateHtmlHeight } from "./html-height";

export function SandboxedHtml({ html, testId }: { html: string; testId?: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [measured, setHeight] = useState<number | null>(null);
  const height = measured ?? estimateHtmlHeight(html);
  const doc = `<!doctype html><meta charset="utf-8"><style>body{margin:0;font:13px system-ui,sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px}</style>${html}`;
  return (
    <iframe
      ref={ref}
      data-testid={testId}
      title="HTML output"
      sandbox=""
      srcDoc={doc}
      className="w-full rounded border border-slate-200 bg-white"
      style={{ height }}
      onLoad={() => {
        // An empty sandbox makes the frame cross-origin: its size is not readable, so we
        // keep a sensible default unless the browser exposes it.
        try {
          const h = ref.current?.contentDocument?.documentElement.scrollHeight;
          if (h) setHeight(Math.min(h + 4, 800));
        } catch {
          /* cross-origin by design */
        }
      }}
    />
  );
}
