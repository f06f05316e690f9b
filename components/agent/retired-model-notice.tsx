"use client";
// Shown when the notebook's saved model no longer answers: says so in plain words and switches to
// the replacement in one click (saved, so the notebook keeps working after a reload).
import type { UnavailableModel } from "./model-labels";

export function RetiredModelNotice({
  model,
  urgent,
  onSwitch,
}: {
  model: UnavailableModel;
  urgent: boolean;
  onSwitch: () => void;
}) {
  return (
    <div
      role="status"
      data-testid="agent-retired-notice"
      className={`rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 ${urgent ? "ring-2 ring-amber-500" : ""}`}
    >
      {model.message}
      <div className="mt-1">
        <button
          type="button"
          data-testid="agent-retired-model"
          className="rounded bg-amber-600 px-2 py-0.5 text-white"
          onClick={onSwitch}
        >
          Switch to {model.replacement.displayName}
        </button>
      </div>
    </div>
  );
}
