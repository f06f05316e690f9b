"use client";
import { useState } from "react";
import type { KernelStatus } from "@/lib/kernel/kernel";
import { ExportButton } from "@/components/share/export-button";
import { ShareDialog } from "@/components/share/share-dialog";
import { KernelStatusBadge } from "./kernel-status-badge";

interface Props {
  notebookId: string;
  /** Whether share links show the agent's progress notes (the owner's saved choice). */
  shareNotes?: boolean;
  status: KernelStatus;
  busy: boolean;
  onRunAll(): void;
  onInterrupt(): void;
  onRestart(): void;
  onKeyboardHelp(): void;
  onClearAll(): void;
}

export function NotebookToolbar(props: Props) {
  const { notebookId, shareNotes, status, busy, onRunAll, onInterrupt, onRestart, onClearAll } = props;
  const [sharing, setSharing] = useState(false);
  const btn = "rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-40";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <KernelStatusBadge status={status} />
      <button type="button" className={btn} onClick={onRunAll}>
        Run all
      </button>
      <button type="button" className={btn} onClick={onInterrupt} disabled={!busy} aria-label="Interrupt">
        ■ Interrupt
      </button>
      <button type="button" className={btn} onClick={onRestart} disabled={status.state === "starting"}>
        Restart
      </button>
      <button
        type="button"
        className={btn}
        onClick={onClearAll}
        aria-label="Clear all outputs"
        title="Clear all outputs"
      >
        Clear
      </button>
      <ExportButton notebookId={notebookId} className={btn} />
      <button type="button" className={btn} onClick={() => setSharing((s) => !s)} aria-expanded={sharing}>
        Share
      </button>
      <button
        type="button"
        className={btn}
        onClick={props.onKeyboardHelp}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (H)"
      >
        ⌨
      </button>
      {sharing && <ShareDialog notebookId={notebookId} shareNotes={shareNotes} onClose={() => setSharing(false)} />}
    </div>
  );
}
