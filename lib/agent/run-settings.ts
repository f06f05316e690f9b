// What a new run uses: the model (asked for, else the notebook's saved one, else the default),
// the effort (kept only if that model takes it) and the conversation's prompt version (a new
// conversation takes the current one; an existing one keeps its own, since its thinking blocks
// are bound to it). A retired or unknown model is refused here in plain words, before any call.
import { AppError } from "@/lib/http/app-error";
import type { NotebookSettings } from "@/lib/notebook/cell";
import type { RequestSettings } from "./model-request";
import type { Effort } from "./models/model-options";
import { retiredSpec, tableSpec } from "./models/model-table";
import { effortFor, isRetired, knownSpec } from "./models/model-spec";
import { defaultModel } from "./pricing";
import { CURRENT_PROMPT_VERSION, isPromptVersion } from "./prompts/registry";

const longDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** The sentence a person reads about a retired model: when, and what to switch to. */
export function retiredModelMessage(model: string): string {
  const retired = retiredSpec(model);
  const name = retired?.displayName ?? model;
  const replacement = retired?.replacement ?? defaultModel();
  const replacementName = tableSpec(replacement)?.displayName ?? replacement;
  const when = retired?.retiredOn ? ` on ${longDate(retired.retiredOn)}` : "";
  return `${name} was retired${when} and no longer answers. Switch to ${replacementName} to keep going.`;
}

export function checkModel(model: string): void {
  if (isRetired(model)) {
    const replacement = retiredSpec(model)?.replacement ?? defaultModel();
    throw new AppError("bad_request", retiredModelMessage(model), { reason: "model_retired", model, replacement });
  }
  if (!knownSpec(model)) {
    throw new AppError("bad_request", `Unknown model "${model}": pick one from the model list.`, { reason: "model_unknown", model });
  }
}

export function chooseRunSettings(body: { model?: string; effort?: Effort }, saved: NotebookSettings, hasConversation: boolean): RequestSettings {
  const model = body.model ?? saved.model ?? defaultModel();
  checkModel(model);
  const effort = effortFor(knownSpec(model)!, body.effort ?? saved.effort ?? null);
  const promptVersion = hasConversation && saved.promptVersion && isPromptVersion(saved.promptVersion) ? saved.promptVersion : CURRENT_PROMPT_VERSION;
  return { model, effort, promptVersion };
}
