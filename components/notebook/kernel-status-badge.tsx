"use client";
import type { KernelStatus } from "@/lib/kernel/kernel";
import { CRASH_RESTARTING } from "@/lib/kernel/kernel-jobs";

const STYLE: Record<KernelStatus["state"], string> = {
  starting: "bg-slate-100 text-slate-600",
  ready: "bg-emerald-100 text-emerald-800",
  busy: "bg-amber-100 text-amber-800",
  dead: "bg-red-100 text-red-800",
};

export function KernelStatusBadge({ status }: { status: KernelStatus }) {
  const label =
    status.state === "starting"
      ? status.progress === CRASH_RESTARTING
        ? status.progress
        : `Python: starting — ${status.progress}`
      : status.state === "dead"
        ? `Python: dead — ${status.error}`
        : status.state === "busy" && status.activity
          ? `Python: busy — ${status.activity}`
          : `Python: ${status.state}`;
  return (
    <span
      role="status"
      data-testid="kernel-status"
      data-state={status.state}
      className={`rounded-full px-3 py-1 text-xs font-medium ${STYLE[status.state]}`}
      title={label}
    >
      {status.state === "starting" && (
        <span className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-slate-400" />
      )}
      {label}
    </span>
  );
}
