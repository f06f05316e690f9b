"use client";
// The models the picker may offer, read once per page from GET /api/models. Until it answers
// (or if it fails) the panel keeps the notebook's saved model, so a slow list never blocks asking.
import { useEffect, useState } from "react";
import { agentApi } from "@/lib/client/agent-api";
import type { ModelsResponse } from "@/lib/agent/models/model-options";

export type ModelOptionsState =
  | { status: "loading" }
  | { status: "ready"; data: ModelsResponse }
  | { status: "error"; message: string };

export function useModelOptions(): ModelOptionsState {
  const [state, setState] = useState<ModelOptionsState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    agentApi.models().then(
      (data) => live && setState({ status: "ready", data }),
      (e: Error) => live && setState({ status: "error", message: e.message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
