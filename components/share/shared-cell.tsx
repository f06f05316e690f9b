// One cell of a shared notebook, read-only: code highlighted on the server, markdown rendered
// like the notebook does, outputs through the notebook's own OutputView (sandboxed HTML).
import { OutputView } from "@/components/output/output-view";
import { MarkdownView } from "@/components/notebook/markdown-view";
import type { CellDoc } from "@/lib/notebook/cell";
import { highlightPython } from "@/lib/notebook/highlight-code";
import { withServedImages } from "@/lib/sharing/served-images";

export function SharedCell({ cell, token }: { cell: CellDoc; token: string }) {
  return (
    <section data-testid="shared-cell" data-kind={cell.kind} className="rounded-lg border border-slate-200 bg-white">
      <div className="flex">
        <div className="w-14 shrink-0 select-none pt-2 pr-2 text-right font-mono text-xs text-slate-400">
          {cell.kind === "code" ? `[${cell.executionCount ?? " "}]` : ""}
        </div>
        <div className="min-w-0 flex-1 pr-2 pb-1">
          {cell.kind === "code" && (
            <pre className="hljs my-1 overflow-x-auto rounded border border-slate-100 bg-slate-50/60 px-3 py-2 font-mono text-[13px] leading-5" data-testid="shared-code">
              <code dangerouslySetInnerHTML={{ __html: highlightPython(cell.source) }} />
            </pre>
          )}
          {cell.kind === "markdown" && <MarkdownView source={cell.source} />}
          {cell.kind === "raw" && <pre className="my-1 whitespace-pre-wrap px-3 py-2 font-mono text-[13px]">{cell.source}</pre>}
        </div>
      </div>
      {cell.kind === "code" && <OutputView outputs={withServedImages(token, cell.id, cell.outputs)} />}
    </section>
  );
}
