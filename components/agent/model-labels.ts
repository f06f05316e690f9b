// Words the model picker and the retired-model notice show (the retired sentence is the server's own,
// lib/agent/models/model-options.ts).
import { formatDay, retiredSentence, type ModelOption, type ModelsResponse } from "@/lib/agent/models/model-options";

export { formatDay };

/** "Claude Opus 4.5 (retires 22 Jan 2027)" for a deprecated model, else its display name. */
export function modelLabel(option: ModelOption): string {
  return option.lifecycle === "deprecated" && option.retiresAt
    ? `${option.displayName} (retires ${formatDay(option.retiresAt)})`
    : option.displayName;
}

export interface UnavailableModel {
  id: string;
  displayName: string;
  /** Known to be retired (else simply not offered any more). */
  retired: boolean;
  /** The plain-words notice: what happened and what to do. */
  message: string;
  replacement: { id: string; displayName: string };
}

/**
 * The notice for a saved model the list does not offer: retired (with its date and named
 * replacement when known) or simply gone, in which case the default model is suggested.
 */
export function unavailableModel(data: ModelsResponse, modelId: string): UnavailableModel | null {
  if (data.models.some((m) => m.id === modelId)) return null;
  const retired = data.retired.find((r) => r.id === modelId);
  const replacement =
    data.models.find((m) => m.id === retired?.replacement) ??
    data.models.find((m) => m.id === data.defaultModel) ??
    data.models[0];
  if (!replacement) return null;
  const displayName = retired?.displayName ?? modelId;
  const message = retired
    ? retiredSentence(displayName, retired.retiredOn, replacement.displayName)
    : `${displayName}, the model this notebook was set to, is no longer available. Switch to ${replacement.displayName} to keep going.`;
  return {
    id: modelId,
    displayName,
    retired: !!retired,
    message,
    replacement: { id: replacement.id, displayName: replacement.displayName },
  };
}
