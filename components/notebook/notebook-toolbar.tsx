"use client";
import type { KernelStatus } from "@/lib/kernel/kernel";
import { KernelStatusBadge } from "./kernel-status-badge";

interface Props {
  status: KernelStatus;
  busy: boolean;
  onRunAll(): void;
  onInterrupt(): void;
  onRestart(): void;
}

export function NotebookToolbar({ status, busy, onRunAll, onInterrupt, onRestart }: Props) {
  const btn = "rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 disabled:opacity-40";
  return (
    <div className="flex items-center gap-2">
      <KernelStatusBadge status={status} />
      <button className={btn} onClick={onRunAll}>Run all</button>
      <button className={btn} onClick={onInterrupt} disabled={!busy} aria-label="Interrupt">■ Interrupt</button>
      <button className={btn} onClick={onRestart} disabled={status.state === "starting"}>Restart</button>
    </div>
  );
}
