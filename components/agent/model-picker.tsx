"use client";
// The model select. Only models that still answer are offered; a saved model that does not (see
// RetiredModelNotice) stays visible as a disabled entry, so the select never pretends otherwise.
import type { ModelOption } from "@/lib/agent/models/model-options";
import { modelLabel, type UnavailableModel } from "./model-labels";

export function ModelPicker({
  models,
  value,
  unavailable,
  onChange,
}: {
  /** Null while the list loads (or if it failed): the saved model is shown alone. */
  models: ModelOption[] | null;
  value: string | undefined;
  unavailable: UnavailableModel | null;
  onChange: (id: string) => void;
}) {
  return (
    <select
      aria-label="Model"
      value={value ?? ""}
      disabled={!models}
      onChange={(e) => onChange(e.target.value)}
      className="min-w-0 flex-1 rounded border border-slate-200 px-1 py-0.5 text-xs disabled:text-slate-500"
    >
      {!models && <option value={value ?? ""}>{value ?? "Default model"}</option>}
      {unavailable && (
        <option value={unavailable.id} disabled>
          {unavailable.displayName} ({unavailable.retired ? "retired" : "not available"})
        </option>
      )}
      {models?.map((m) => (
        <option key={m.id} value={m.id}>
          {modelLabel(m)}
        </option>
      ))}
    </select>
  );
}
