// Words the model picker and the retired-model notice show. Dates are formatted by hand, not by
// the browser's locale: the server render and the page must print the same text.
import type { ModelOption, ModelsResponse } from "@/lib/agent/models/model-options";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2027-01-22" → "22 Jan 2027"; anything else is shown as given. */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** "Claude Opus 4.5 (retires 22 Jan 2027)" for a deprecated model, else its display name. */
export function modelLabel(option: ModelOption): string {
  return option.lifecycle === "deprecated" && option.retiresAt ? `${option.displayName} (retires ${formatDay(option.retiresAt)})` : option.displayName;
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
  const replacement = data.models.find((m) => m.id === retired?.replacement) ?? data.models.find((m) => m.id === data.defaultModel) ?? data.models[0];
  if (!replacement) return null;
  const displayName = retired?.displayName ?? modelId;
  const what = !retired
    ? `${displayName}, the model this notebook was set to, is no longer available.`
    : retired.retiredOn
      ? `${displayName} was retired on ${formatDay(retired.retiredOn)} and no longer answers.`
      : `${displayName} has been retired and no longer answers.`;
  return { id: modelId, displayName, retired: !!retired, message: `${what} Switch to ${replacement.displayName} to keep going.`, replacement: { id: replacement.id, displayName: replacement.displayName } };
}
