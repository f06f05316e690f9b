// What the request builder knows about a model: the capability table's row, with the API's own
// capability report (GET /v1/models, remembered by the catalog) taking precedence where it has
// one, since the API is the authority on what it accepts. A model known to neither gets a plain
// request (no thinking, no effort parameter), which every current model accepts.
import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import { EFFORTS, type Effort } from "./model-options";
import { MOST_EXPENSIVE_PRICE, retiredSpec, tableSpec, type ModelSpec, type ThinkingMode } from "./model-table";

const live = new Map<string, ModelInfo>();

/** Called by the catalog with each list it reads from the API. */
export function rememberLiveModels(models: readonly ModelInfo[]): void {
  for (const m of models) live.set(m.id, m);
}

export function liveModel(id: string): ModelInfo | undefined {
  return live.get(id);
}

/** Forgets what the API said (tests). */
export function forgetLiveModels(): void {
  live.clear();
}

const THINKING_MODES: readonly ThinkingMode[] = ["adaptive", "between_tools", "disabled", "enabled"];

function fromLive(info: ModelInfo, base: ModelSpec | undefined): ModelSpec {
  const caps = info.capabilities;
  const thinking = caps
    ? THINKING_MODES.filter((t) => caps.thinking.supported && caps.thinking.types[t]?.supported)
    : (base?.thinking ?? []);
  const efforts = caps
    ? EFFORTS.filter((e) => caps.effort.supported && caps.effort[e]?.supported)
    : (base?.efforts ?? []);
  const fallbackEffort: Effort | null = efforts.includes("high") ? "high" : (efforts.at(-1) ?? null);
  return {
    id: info.id,
    displayName: info.display_name || base?.displayName || info.id,
    lifecycle: info.lifecycle === "deprecated" ? "deprecated" : "active",
    retiresAt: info.retires_at ? info.retires_at.slice(0, 10) : (base?.retiresAt ?? null),
    thinking,
    display: thinking.includes("adaptive"),
    preservedThinking: base?.preservedThinking ?? thinking.includes("between_tools"),
    efforts,
    defaultEffort: base?.defaultEffort && efforts.includes(base.defaultEffort) ? base.defaultEffort : fallbackEffort,
    contextWindow: info.max_input_tokens ?? base?.contextWindow ?? 200_000,
    maxOutput: info.max_tokens ?? base?.maxOutput ?? 64_000,
    price: base?.price ?? MOST_EXPENSIVE_PRICE,
    ...(base?.longPrompt ? { longPrompt: base.longPrompt } : {}),
  };
}

/** The model's spec, or null for an id neither the table nor the API knows. */
export function knownSpec(id: string): ModelSpec | null {
  const info = live.get(id);
  const base = tableSpec(id);
  if (info && info.lifecycle !== "retired") return fromLive(info, base);
  return base ?? null;
}

export function modelSpec(id: string): ModelSpec {
  return (
    knownSpec(id) ?? {
      id,
      displayName: id,
      lifecycle: "active",
      retiresAt: null,
      thinking: [],
      display: false,
      preservedThinking: false,
      efforts: [],
      defaultEffort: null,
      contextWindow: 200_000,
      maxOutput: 64_000,
      price: MOST_EXPENSIVE_PRICE,
    }
  );
}

/** The effort to send: the one asked for when the model takes it, else none (the API's default). */
export function effortFor(spec: ModelSpec, wanted: Effort | null | undefined): Effort | null {
  if (!spec.efforts.length) return null;
  return wanted && spec.efforts.includes(wanted) ? wanted : null;
}

/** Retired by the table or by the API's own report. */
export function isRetired(id: string): boolean {
  return Boolean(retiredSpec(id)) || live.get(id)?.lifecycle === "retired";
}
