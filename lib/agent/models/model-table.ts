// The one capability table: what each Claude model accepts (thinking modes, display, effort
// levels), its limits, its prices and its lifecycle. The request builder, the price of a run, the
// model picker's offline fallback and the retired-model notice all read it; nothing else in the
// code branches on a model's name. Read from platform.claude.com on 2026-12-05 (models overview,
// each model's page, pricing, model deprecations) and @anthropic-ai/sdk 1.17.0's model list.
import type { Effort } from "./model-options";

export type ThinkingMode = "adaptive" | "between_tools" | "disabled" | "enabled";

/** USD per million tokens; cacheWrite is the 5-minute write (the only one Pylot uses). */
export interface Price {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export interface ModelSpec {
  id: string;
  displayName: string;
  lifecycle: "active" | "deprecated";
  /** YYYY-MM-DD the model stops answering, when announced. */
  retiresAt: string | null;
  /** thinking.type values the API accepts; empty: send no thinking parameter. */
  thinking: readonly ThinkingMode[];
  /** The model thinks by default and takes thinking.display ("summarized" returns the notes). */
  display: boolean;
  /** Thinking blocks are bound to their prefix and model (preserved thinking, prefix check). */
  preservedThinking: boolean;
  efforts: readonly Effort[];
  defaultEffort: Effort | null;
  contextWindow: number;
  maxOutput: number;
  price: Price;
  /** A dearer tier for requests whose prompt (input + cache reads + writes) exceeds `aboveTokens`. */
  longPrompt?: Price & { aboveTokens: number };
}

export interface RetiredSpec {
  id: string;
  displayName: string;
  retiredOn: string | null;
  replacement: string;
}

const ALL_EFFORTS: readonly Effort[] = ["low", "medium", "high", "xhigh", "max"];
const NO_XHIGH: readonly Effort[] = ["low", "medium", "high", "max"];
const M = 1_000_000;
const K = 1_000;

const price = (input: number, output: number, cacheWrite: number, cacheRead: number): Price => ({
  input,
  output,
  cacheWrite,
  cacheRead,
});

type Base = Pick<
  ModelSpec,
  "thinking" | "display" | "preservedThinking" | "efforts" | "defaultEffort" | "contextWindow" | "maxOutput"
>;
/** Sonnet 5.5, Opus 5.5, Haiku 5.5, Fable/Mythos 5.1+: thinking on, preserved, no "disabled". */
const PRESERVED: Base = {
  thinking: ["adaptive", "between_tools"],
  display: true,
  preservedThinking: true,
  efforts: ALL_EFFORTS,
  defaultEffort: "high",
  contextWindow: M,
  maxOutput: 128 * K,
};
/** Fable and Mythos: adaptive thinking is always on. */
const ALWAYS_ON: Base = { ...PRESERVED, thinking: ["adaptive"] };
/** The generation before preserved thinking: adaptive by default, may be disabled. */
const ADAPTIVE: Base = {
  thinking: ["adaptive", "disabled"],
  display: true,
  preservedThinking: false,
  efforts: ALL_EFFORTS,
  defaultEffort: "high",
  contextWindow: M,
  maxOutput: 128 * K,
};
/** No adaptive thinking and no effort: Pylot sends neither (manual budgets are not used). */
const LEGACY: Base = {
  thinking: [],
  display: false,
  preservedThinking: false,
  efforts: [],
  defaultEffort: null,
  contextWindow: 200 * K,
  maxOutput: 64 * K,
};

const active = (id: string, displayName: string, base: Base, p: Price, extra: Partial<ModelSpec> = {}): ModelSpec => ({
  id,
  displayName,
  lifecycle: "active",
  retiresAt: null,
  ...base,
  price: p,
  ...extra,
});

/** Newest first: the order the picker shows when the API list is not available. */
export const MODEL_TABLE: readonly ModelSpec[] = [
  active("claude-sonnet-5-5", "Claude Sonnet 5.5", PRESERVED, price(2, 10, 2.5, 0.1)),
  active("claude-opus-5-5", "Claude Opus 5.5", { ...ALWAYS_ON, defaultEffort: "medium" }, price(4, 20, 5, 0.2)),
  active(
    "claude-haiku-5-5",
    "Claude Haiku 5.5",
    { ...PRESERVED, thinking: ["adaptive"], efforts: NO_XHIGH, defaultEffort: "medium" },
    price(0.1, 0.5, 0.125, 0.01),
    {
      longPrompt: { ...price(0.5, 2.5, 0.625, 0.05), aboveTokens: 100 * K },
    },
  ),
  // Fable/Mythos 5.1+ read the cache at 0.025× input, Sonnet/Opus 5.5 at 0.05×, the rest at 0.1×.
  active("claude-fable-5-2", "Claude Fable 5.2", ALWAYS_ON, price(8, 40, 10, 0.2)),
  active("claude-mythos-5-2", "Claude Mythos 5.2", ALWAYS_ON, price(8, 40, 10, 0.2)),
  active("claude-fable-5-1", "Claude Fable 5.1", ALWAYS_ON, price(10, 50, 12.5, 0.25)),
  active("claude-mythos-5-1", "Claude Mythos 5.1", ALWAYS_ON, price(10, 50, 12.5, 0.25)),
  active("claude-sonnet-5", "Claude Sonnet 5", ADAPTIVE, price(2, 10, 2.5, 0.2)),
  active("claude-opus-5", "Claude Opus 5", ADAPTIVE, price(5, 25, 6.25, 0.5)),
  active("claude-fable-5", "Claude Fable 5", { ...ADAPTIVE, thinking: ["adaptive"] }, price(10, 50, 12.5, 1)),
  active("claude-mythos-5", "Claude Mythos 5", { ...ADAPTIVE, thinking: ["adaptive"] }, price(10, 50, 12.5, 1)),
  active("claude-opus-4-8", "Claude Opus 4.8", ADAPTIVE, price(5, 25, 6.25, 0.5)),
  active("claude-opus-4-7", "Claude Opus 4.7", { ...ADAPTIVE, thinking: ["adaptive"] }, price(5, 25, 6.25, 0.5)),
  active("claude-opus-4-6", "Claude Opus 4.6", { ...ADAPTIVE, efforts: NO_XHIGH }, price(5, 25, 6.25, 0.5)),
  active("claude-sonnet-4-6", "Claude Sonnet 4.6", { ...ADAPTIVE, efforts: NO_XHIGH }, price(3, 15, 3.75, 0.3)),
  active("claude-haiku-4-5", "Claude Haiku 4.5", LEGACY, price(1, 5, 1.25, 0.1)),
  active("claude-opus-4-5", "Claude Opus 4.5", LEGACY, price(5, 25, 6.25, 0.5), {
    lifecycle: "deprecated",
    retiresAt: "2027-01-22",
  }),
];

/** Retired models answer 404: a notebook saved with one names its replacement instead. */
export const RETIRED_MODELS: readonly RetiredSpec[] = [
  {
    id: "claude-sonnet-4-5",
    displayName: "Claude Sonnet 4.5",
    retiredOn: "2026-11-30",
    replacement: "claude-sonnet-5-5",
  },
  {
    id: "claude-sonnet-4-5-20250929",
    displayName: "Claude Sonnet 4.5",
    retiredOn: "2026-11-30",
    replacement: "claude-sonnet-5-5",
  },
  {
    id: "claude-mythos-preview",
    displayName: "Claude Mythos Preview",
    retiredOn: "2026-06-30",
    replacement: "claude-mythos-5-2",
  },
  {
    id: "claude-sonnet-4-0",
    displayName: "Claude Sonnet 4",
    retiredOn: "2026-06-15",
    replacement: "claude-sonnet-5-5",
  },
  {
    id: "claude-sonnet-4-20250514",
    displayName: "Claude Sonnet 4",
    retiredOn: "2026-06-15",
    replacement: "claude-sonnet-5-5",
  },
  { id: "claude-opus-4-0", displayName: "Claude Opus 4", retiredOn: "2026-06-15", replacement: "claude-opus-5-5" },
  {
    id: "claude-opus-4-20250514",
    displayName: "Claude Opus 4",
    retiredOn: "2026-06-15",
    replacement: "claude-opus-5-5",
  },
  { id: "claude-opus-4-1", displayName: "Claude Opus 4.1", retiredOn: null, replacement: "claude-opus-5-5" },
  {
    id: "claude-3-7-sonnet-latest",
    displayName: "Claude Sonnet 3.7",
    retiredOn: "2026-02-19",
    replacement: "claude-sonnet-5-5",
  },
  { id: "claude-3-5-haiku-latest", displayName: "Claude Haiku 3.5", retiredOn: null, replacement: "claude-haiku-5-5" },
];

/** The current Sonnet: the best combination of speed and intelligence (models overview). */
export const TABLE_DEFAULT_MODEL = "claude-sonnet-5-5";

const byId = new Map(MODEL_TABLE.map((m) => [m.id, m]));
const retiredById = new Map(RETIRED_MODELS.map((m) => [m.id, m]));

export function tableSpec(id: string): ModelSpec | undefined {
  return byId.get(id);
}

export function retiredSpec(id: string): RetiredSpec | undefined {
  return retiredById.get(id);
}

/** The dearest table price: what an unknown model is charged, so a budget is never underestimated. */
export const MOST_EXPENSIVE_PRICE: Price = MODEL_TABLE.map((m) => m.longPrompt ?? m.price).reduce((a, b) =>
  b.output > a.output ? b : a,
);
