"use client";
// The one renderer for every output type. HTML is sanitized and shown in its own shadow root
// (isolated-html.tsx); SVG is shown as an image. Nothing in an output can run in the app's origin.
import { useMemo } from "react";
import type { Output } from "@/lib/notebook/outputs";
import { pickMime, SERVED_IMAGE_KEY, textOf } from "@/lib/notebook/mime";
import { KatexStylesheet } from "@/components/notebook/katex-stylesheet";
import { MarkdownView, sanitizeRendered } from "@/components/notebook/markdown-view";
import { useTex } from "@/components/notebook/use-tex";
import { renderLatexOutput } from "@/lib/notebook/render-math";
import { IsolatedHtml } from "./isolated-html";
import { StreamText } from "./stream-text";

/** `onClear`: a small "clear output" button on the output, as Colab has; `onFixWithAgent`: "Fix with
 * agent" under a traceback. Absent in read-only views. */
export function OutputView({
  outputs,
  onClear,
  onFixWithAgent,
}: {
  outputs: readonly Output[];
  onClear?: () => void;
  onFixWithAgent?: () => void;
}) {
  if (outputs.length === 0) return null;
  return (
    // The clear button sits beside the outputs, not in them: their text is what Python printed.
    <div className="group/out relative min-w-0 border-t border-slate-100">
      {onClear && (
        <button
          type="button"
          aria-label="Clear output"
          title="Clear output"
          onClick={onClear}
          className="absolute top-1 right-1 z-[1] rounded px-1 text-xs leading-4 text-slate-400 opacity-60 hover:bg-slate-100 hover:text-slate-700 group-hover/out:opacity-100 focus-visible:opacity-100"
        >
          ✕
        </button>
      )}
      <div className="min-w-0 space-y-1 px-3 py-2" data-testid="cell-outputs">
        {outputs.map((o, i) => (
          <OutputItem key={i} output={o} onFixWithAgent={onFixWithAgent} />
        ))}
      </div>
    </div>
  );
}

function OutputItem({ output, onFixWithAgent }: { output: Output; onFixWithAgent?: () => void }) {
  switch (output.output_type) {
    case "stream":
      return (
        <StreamText
          text={output.text}
          className={output.name === "stderr" ? "bg-red-50 text-red-800" : ""}
          testId={`output-${output.name}`}
        />
      );
    case "error":
      return (
        <>
          <StreamText
            text={output.traceback.length ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`}
            className="bg-red-50 text-red-800"
            testId="output-error"
          />
          {onFixWithAgent && (
            <button
              type="button"
              onClick={onFixWithAgent}
              className="rounded border border-violet-300 px-2 py-0.5 text-xs text-violet-700 hover:bg-violet-50"
            >
              Fix with agent
            </button>
          )}
        </>
      );
    case "execute_result":
    case "display_data":
      return <MimeBundle data={output.data} kind={output.output_type} src={servedFrom(output.metadata)} />;
  }
}

/** Where a read-only view serves this output's image from (lib/sharing/served-images.ts); only our own share routes. */
function servedFrom(metadata: Record<string, unknown> | undefined): string | undefined {
  const value = metadata?.[SERVED_IMAGE_KEY];
  return typeof value === "string" && /^\/s\/[\w-]+\/outputs\//.test(value) ? value : undefined;
}

function MimeBundle({ data, kind, src }: { data: Record<string, unknown>; kind: string; src?: string }) {
  const mime = pickMime(data);
  const testId = `output-${kind === "execute_result" ? "result" : "display"}`;
  if (!mime) return null;
  const value = textOf(data[mime]);
  switch (mime) {
    case "text/html":
      return <IsolatedHtml html={value} testId={testId} />;
    case "text/markdown":
      return (
        <div data-testid={testId}>
          <MarkdownView source={value} />
        </div>
      );
    case "text/latex":
      return <LatexOutput value={value} testId={testId} />;
    case "image/svg+xml":
      // As an <img>, SVG is an image: its scripts and event handlers never run.
      return (
        <img
          data-testid={testId}
          alt="SVG output"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(value)}`}
        />
      );
    case "image/png":
    case "image/jpeg":
    case "image/gif":
      return (
        <img
          data-testid={testId}
          alt="Output of the cell"
          className="max-w-full"
          src={src ?? `data:${mime};base64,${value.replace(/\s/g, "")}`}
        />
      );
    case "application/json":
      return <StreamText text={JSON.stringify(data[mime], null, 2)} testId={testId} />;
    default:
      return <StreamText text={value} testId={testId} />;
  }
}

function LatexOutput({ value, testId }: { value: string; testId: string }) {
  const tex = useTex(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tex` is read by renderLatexOutput (through KaTeX being loaded)
  const html = useMemo(() => sanitizeRendered(renderLatexOutput(value)), [value, tex]);
  return (
    <>
      <KatexStylesheet />
      <div
        data-testid={testId}
        className="latex overflow-x-auto"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX markup (trust off), sanitized again by DOMPurify
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </>
  );
}
