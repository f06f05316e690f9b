// What a new run uses: the model (asked for, else the notebook's saved one, else the default),
// the effort (kept only if that model takes it) and the conversation's prompt version (a new
// conversation takes the current one; an existing one keeps its own, since its thinking blocks
// are bound to it). A retired or unknown model is refused here in plain words, before any call.
import { AppError } from "@/lib/http/app-error";
import type { NotebookSettings } from "@/lib/notebook/cell";
import type { RequestSettings } from "./model-request";
import { retiredSentence, type Effort } from "./models/model-options";
import { retiredSpec, tableSpec } from "./models/model-table";
import { effortFor, isRetired, knownSpec } from "./models/model-spec";
import { defaultModel } from "./pricing";
import { CURRENT_PROMPT_VERSION, isPromptVersion } from "./prompts/registry";

/** The sentence a person reads about a retired model: when, and what to switch to. */
export function retiredModelMessage(model: string): string {
  const retired = retiredSpec(model);
  const replacement = retired?.replacement ?? defaultModel();
  return retiredSentence(
    retired?.displayName ?? model,
    retired?.retiredOn ?? null,
    tableSpec(replacement)?.displayName ?? replacement,
  );
}

export function checkModel(model: string): void {
  if (isRetired(model)) {
    const replacement = retiredSpec(model)?.replacement ?? defaultModel();
    throw new AppError("bad_request", retiredModelMessage(model), { reason: "model_retired", model, replacement });
  }
  if (!knownSpec(model)) {
    throw new AppError("bad_request", `Unknown model "${model}": pick one from the model list.`, {
      reason: "model_unknown",
      model,
    });
  }
}

export function chooseRunSettings(
  body: { model?: string; effort?: Effort },
  saved: NotebookSettings,
  hasConversation: boolean,
): RequestSettings {
  const model = body.model ?? saved.model ?? defaultModel();
  checkModel(model);
  const effort = effortFor(knownSpec(model)!, body.effort ?? saved.effort ?? null);
  const promptVersion =
    hasConversation && saved.promptVersion && isPromptVersion(saved.promptVersion)
      ? saved.promptVersion
      : CURRENT_PROMPT_VERSION;
  return { model, effort, promptVersion };
}
