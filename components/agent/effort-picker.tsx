"use client";
// How hard the model thinks per step. Only the levels the selected model accepts are offered,
// with one sentence on what the level costs, since the names alone do not say.
import { EFFORT_HINTS, type Effort } from "@/lib/agent/models/model-options";

const LABELS: Record<Effort, string> = { low: "Low", medium: "Medium", high: "High", xhigh: "Extra high", max: "Max" };

export function EffortPicker({
  efforts,
  value,
  onChange,
}: {
  efforts: Effort[];
  value: Effort;
  onChange: (e: Effort) => void;
}) {
  return (
    <select
      aria-label="Effort"
      value={value}
      onChange={(e) => onChange(e.target.value as Effort)}
      className="rounded border border-slate-200 px-1 py-0.5 text-xs"
    >
      {efforts.map((e) => (
        <option key={e} value={e}>
          {LABELS[e]}
        </option>
      ))}
    </select>
  );
}

export function EffortHint({ effort }: { effort: Effort }) {
  return (
    <p className="text-[11px] leading-snug text-slate-500" data-testid="agent-effort-hint">
      {EFFORT_HINTS[effort]}
    </p>
  );
}
