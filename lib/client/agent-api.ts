// Browser-side calls to the agent routes. Step routes answer with an NDJSON event stream.
import { ApiError, apiFetch } from "@/lib/client/notebook-api";
import type { ObservationBody, RunHistory, RunSummary } from "@/lib/agent/events";
import type { Effort, ModelsResponse } from "@/lib/agent/models/model-options";

/** The per-run budget the server applies (its current limits), for the panel's figures. */
export interface RunBudget {
  maxCostUsd: number;
  maxTokens: number;
}

async function post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const res = await apiFetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(
      res.status,
      data.error?.code ?? "error",
      data.error?.message ?? res.statusText,
      data.error ?? {},
    );
  }
  return res;
}

export const agentApi = {
  start: (
    notebookId: string,
    body: { prompt: string; mode: "auto" | "approve"; model?: string; effort?: Effort },
    signal?: AbortSignal,
  ) => post(`/api/notebooks/${notebookId}/runs`, body, signal),
  observe: (runId: string, body: ObservationBody, signal?: AbortSignal) =>
    post(`/api/runs/${runId}/observations`, body, signal),
  resume: (runId: string, signal?: AbortSignal) => post(`/api/runs/${runId}/resume`, {}, signal),
  stop: async (runId: string) => (await (await post(`/api/runs/${runId}/stop`, {})).json()) as { run: RunSummary },
  /** The models the picker offers (the API's live list merged with the capability table). */
  models: async (): Promise<ModelsResponse> => {
    const res = await apiFetch("/api/models");
    if (!res.ok) throw new ApiError(res.status, "error", "Could not load the list of models.", {});
    return (await res.json()) as ModelsResponse;
  },
  list: async (notebookId: string) => {
    const res = await apiFetch(`/api/notebooks/${notebookId}/runs`);
    if (!res.ok) throw new ApiError(res.status, "error", "Could not load the agent history.", {});
    return (await res.json()) as RunHistory & { budget?: RunBudget };
  },
};
