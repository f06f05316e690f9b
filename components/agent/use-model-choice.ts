"use client";
// Which model and effort the next run uses. The notebook's saved choice wins while it is still
// offered; each change is saved at once (PATCH settings), so a reload keeps it. A saved model that
// was retired is kept selected but not offered: the notice explains and offers the replacement,
// instead of letting a run fail with the API's bare "not found".
import { useCallback, useRef, useState } from "react";
import type { Effort, ModelOption } from "@/lib/agent/models/model-options";
import type { NotebookSettings } from "@/lib/notebook/cell";
import { notebookApi } from "@/lib/client/notebook-api";
import { unavailableModel } from "./model-labels";
import type { ModelOptionsState } from "./use-model-options";

type Saved = { model?: string; effort?: Effort };

/** The effort a model runs at: the chosen one if the model accepts it, else the model's default. */
function effectiveEffort(option: ModelOption | null, chosen: Effort | undefined): Effort | null {
  if (!option?.efforts.length) return null;
  if (chosen && option.efforts.includes(chosen)) return chosen;
  return option.defaultEffort ?? option.efforts[0]!;
}

export function useModelChoice(
  notebookId: string,
  settings: NotebookSettings,
  options: ModelOptionsState,
  onError: (message: string) => void,
) {
  const [chosenModel, setChosenModel] = useState<string | undefined>(settings.model);
  const [chosenEffort, setChosenEffort] = useState<Effort | undefined>(settings.effort);
  // Saves go out one after another, so two quick changes cannot land in the wrong order.
  const saving = useRef<Promise<unknown>>(Promise.resolve());

  const save = useCallback(
    (patch: Saved) => {
      saving.current = saving.current
        .then(() => notebookApi.updateSettings(notebookId, patch))
        .catch((e: Error) => onError(`Could not save the agent settings: ${e.message}`));
    },
    [notebookId, onError],
  );

  const data = options.status === "ready" ? options.data : null;
  const modelId = chosenModel ?? data?.defaultModel;
  const option = data?.models.find((m) => m.id === modelId) ?? null;
  const effort = effectiveEffort(option, chosenEffort);

  const unavailable = data && modelId && !option ? unavailableModel(data, modelId) : null;

  const selectModel = useCallback(
    (id: string) => {
      setChosenModel(id);
      save({ model: id });
    },
    [save],
  );

  const selectEffort = useCallback(
    (e: Effort) => {
      setChosenEffort(e);
      save({ effort: e });
    },
    [save],
  );

  return {
    models: data?.models ?? null,
    /** "table": the live list could not be read; the known models are shown. */
    source: data?.source ?? null,
    modelId,
    option,
    effort,
    unavailable,
    selectModel,
    selectEffort,
    /** What a new run is started with. Before the list loads the server picks the effort. */
    runParams: (): { model?: string; effort?: Effort } => ({ model: modelId, ...(effort ? { effort } : {}) }),
  };
}
