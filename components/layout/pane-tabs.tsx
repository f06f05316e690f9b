"use client";
// Below the wide breakpoint the notebook page shows one pane at a time; these tabs pick it.
// At the wide breakpoint every pane is on screen and the tabs are not rendered visibly.

export const PANES = ["notebook", "files", "agent"] as const;
export type Pane = (typeof PANES)[number];

const LABELS: Record<Pane, string> = { notebook: "Notebook", files: "Files", agent: "Agent" };

/** Hides a pane below 900 px unless it is the chosen one (wide screens show all of them). */
export const paneVisibility = (pane: Pane, shown: Pane): string => (pane === shown ? "" : "max-[899px]:hidden");

export function PaneTabs({
  pane,
  onChange,
  fileCount,
  agentBusy,
}: {
  pane: Pane;
  onChange(pane: Pane): void;
  fileCount: number;
  agentBusy: boolean;
}) {
  return (
    <div role="tablist" aria-label="Panes" className="flex border-t border-slate-200 min-[900px]:hidden">
      {PANES.map((p) => (
        <button
          key={p}
          type="button"
          role="tab"
          id={`pane-tab-${p}`}
          aria-selected={pane === p}
          aria-controls={`pane-${p}`}
          onClick={() => onChange(p)}
          className={`flex flex-1 items-center justify-center gap-1.5 border-b-2 py-1.5 text-sm ${
            pane === p ? "border-blue-600 font-medium text-slate-900" : "border-transparent text-slate-500"
          }`}
        >
          {LABELS[p]}
          {p === "files" && fileCount > 0 && <span className="text-xs text-slate-400">{fileCount}</span>}
          {p === "agent" && agentBusy && (
            <span className="h-2 w-2 rounded-full bg-violet-500" role="status" aria-label="Agent working" />
          )}
        </button>
      ))}
    </div>
  );
}
