// The model catalogue: which `model` ids /v1/messages answers, how each one thinks (its family),
// which effort levels it takes, which other models' thinking blocks it can read, and what
// GET /v1/models says about it (the SDK's ModelInfo shape, exactly). Facts from
// platform.claude.com (models overview, thinking, effort, deprecations), read 2026-12-05.
import type { CapabilitySupport, ModelCapabilities, ModelInfo, ModelLine } from "@anthropic-ai/sdk/resources/models";
import type { Effort, ModelFamily } from "./types";

export const EFFORTS: readonly Effort[] = ["low", "medium", "high", "xhigh", "max"];
const NO_XHIGH: readonly Effort[] = ["low", "medium", "high", "max"];

/** What /v1/messages needs to know about a model. */
export interface ModelSpec {
  id: string;
  family: ModelFamily;
  /** Effort levels `output_config.effort` accepts; empty: the parameter is refused. */
  efforts: readonly Effort[];
  defaultEffort: Effort | null;
  /** Models whose thinking blocks this one reads besides its own (others' are dropped silently). */
  reads: readonly string[];
  lifecycle: ModelInfo["lifecycle"];
}

/**
 * A model to serve, as accepted by `POST /__admin/models` and the `extraModels` option: a
 * ModelInfo (missing fields are filled in from the family) plus the fake's own fields, which
 * GET /v1/models never shows.
 */
export type FakeModelInput = Partial<ModelInfo> & {
  id: string;
  /** How /v1/messages treats the model; default "preserved". */
  fake_family?: ModelFamily;
  /** Other model ids whose thinking blocks it reads. */
  fake_reads?: string[];
  /** Effort used when the request sends none; default "high" (or the highest level it accepts). */
  fake_default_effort?: Effort;
};

interface Entry {
  info: ModelInfo;
  spec: ModelSpec;
}

const yes: CapabilitySupport = { supported: true };
const no: CapabilitySupport = { supported: false };
const flag = (b: boolean): CapabilitySupport => (b ? yes : no);

/** thinking.type values each family accepts (capabilities.thinking.types). */
export const THINKING_TYPES: Record<
  ModelFamily,
  Record<"adaptive" | "between_tools" | "disabled" | "enabled", boolean>
> = {
  preserved: { adaptive: true, between_tools: true, disabled: false, enabled: false },
  adaptive: { adaptive: true, between_tools: false, disabled: true, enabled: false },
  legacy: { adaptive: false, between_tools: false, disabled: true, enabled: true },
};

export function capabilitiesFor(family: ModelFamily, efforts: readonly Effort[]): ModelCapabilities {
  const types = THINKING_TYPES[family];
  const modern = family !== "legacy";
  return {
    batch: yes,
    citations: yes,
    code_execution: yes,
    context_management: {
      supported: true,
      clear_thinking_20251015: yes,
      clear_tool_uses_20250919: yes,
      compact_20260112: flag(modern),
    },
    effort: {
      supported: efforts.length > 0,
      low: flag(efforts.includes("low")),
      medium: flag(efforts.includes("medium")),
      high: flag(efforts.includes("high")),
      xhigh: efforts.length > 0 ? flag(efforts.includes("xhigh")) : null,
      max: flag(efforts.includes("max")),
    },
    image_input: yes,
    pdf_input: yes,
    server_tools: { supported: true, code_execution: yes, web_search: yes },
    structured_outputs: yes,
    thinking: {
      supported: true,
      types: {
        adaptive: flag(types.adaptive),
        between_tools: flag(types.between_tools),
        disabled: flag(types.disabled),
        enabled: flag(types.enabled),
      },
    },
  };
}

interface Def {
  id: string;
  name: string;
  family: ModelFamily;
  line: ModelLine;
  /** Release date, YYYY-MM-DD. */
  created: string;
  efforts?: readonly Effort[];
  defaultEffort?: Effort;
  reads?: string[];
  lifecycle?: ModelInfo["lifecycle"];
  deprecatedAt?: string;
  retiresAt?: string;
  context?: number;
  maxTokens?: number;
}

const day = (d: string) => `${d}T00:00:00Z`;

function entry(d: Def): Entry {
  const legacy = d.family === "legacy";
  const efforts = d.efforts ?? (legacy ? [] : EFFORTS);
  const info: ModelInfo = {
    id: d.id,
    type: "model",
    display_name: d.name,
    created_at: day(d.created),
    lifecycle: d.lifecycle ?? "active",
    deprecated_at: d.deprecatedAt ? day(d.deprecatedAt) : null,
    retires_at: d.retiresAt ? day(d.retiresAt) : null,
    line: d.line,
    max_input_tokens: d.context ?? (legacy ? 200_000 : 1_000_000),
    max_tokens: d.maxTokens ?? (legacy ? 64_000 : 128_000),
    capabilities: capabilitiesFor(d.family, efforts),
  };
  const spec: ModelSpec = {
    id: d.id,
    family: d.family,
    efforts,
    defaultEffort: efforts.length === 0 ? null : (d.defaultEffort ?? "high"),
    reads: d.reads ?? [],
    lifecycle: info.lifecycle,
  };
  return { info, spec };
}

/** Every model the fake knows, newest first (ties keep this order). */
const DEFAULT_ENTRIES: readonly Entry[] = [
  entry({
    id: "claude-fable-5-2",
    name: "Claude Fable 5.2",
    family: "preserved",
    line: "fable",
    created: "2026-11-18",
    reads: ["claude-opus-5", "claude-opus-5-5"],
  }),
  entry({
    id: "claude-mythos-5-2",
    name: "Claude Mythos 5.2",
    family: "preserved",
    line: "mythos",
    created: "2026-11-18",
  }),
  entry({
    id: "claude-opus-5-5",
    name: "Claude Opus 5.5",
    family: "preserved",
    line: "opus",
    created: "2026-10-20",
    defaultEffort: "medium",
  }),
  entry({
    id: "claude-sonnet-5-5",
    name: "Claude Sonnet 5.5",
    family: "preserved",
    line: "sonnet",
    created: "2026-09-28",
  }),
  entry({
    id: "claude-haiku-5-5",
    name: "Claude Haiku 5.5",
    family: "preserved",
    line: "haiku",
    created: "2026-09-28",
    efforts: NO_XHIGH,
    defaultEffort: "medium",
  }),
  entry({
    id: "claude-fable-5-1",
    name: "Claude Fable 5.1",
    family: "preserved",
    line: "fable",
    created: "2026-08-26",
    reads: ["claude-opus-5", "claude-opus-5-5"],
  }),
  entry({
    id: "claude-mythos-5-1",
    name: "Claude Mythos 5.1",
    family: "preserved",
    line: "mythos",
    created: "2026-08-26",
  }),
  entry({ id: "claude-opus-5", name: "Claude Opus 5", family: "adaptive", line: "opus", created: "2026-07-24" }),
  entry({ id: "claude-fable-5", name: "Claude Fable 5", family: "adaptive", line: "fable", created: "2026-07-08" }),
  entry({ id: "claude-mythos-5", name: "Claude Mythos 5", family: "adaptive", line: "mythos", created: "2026-07-08" }),
  entry({ id: "claude-sonnet-5", name: "Claude Sonnet 5", family: "adaptive", line: "sonnet", created: "2026-06-30" }),
  entry({ id: "claude-opus-4-8", name: "Claude Opus 4.8", family: "adaptive", line: "opus", created: "2026-05-14" }),
  entry({ id: "claude-opus-4-7", name: "Claude Opus 4.7", family: "adaptive", line: "opus", created: "2026-04-09" }),
  entry({
    id: "claude-mythos-preview",
    name: "Claude Mythos Preview",
    family: "adaptive",
    line: "mythos",
    created: "2026-03-12",
    lifecycle: "retired",
    deprecatedAt: "2026-05-15",
    retiresAt: "2026-06-30",
  }),
  entry({
    id: "claude-sonnet-4-6",
    name: "Claude Sonnet 4.6",
    family: "adaptive",
    line: "sonnet",
    created: "2026-02-17",
    efforts: NO_XHIGH,
  }),
  entry({
    id: "claude-opus-4-6",
    name: "Claude Opus 4.6",
    family: "adaptive",
    line: "opus",
    created: "2026-02-05",
    efforts: NO_XHIGH,
  }),
  entry({
    id: "claude-opus-4-5",
    name: "Claude Opus 4.5",
    family: "legacy",
    line: "opus",
    created: "2025-11-24",
    lifecycle: "deprecated",
    deprecatedAt: "2026-10-22",
    retiresAt: "2027-01-22",
  }),
  entry({ id: "claude-haiku-4-5", name: "Claude Haiku 4.5", family: "legacy", line: "haiku", created: "2025-10-15" }),
  entry({
    id: "claude-sonnet-4-5",
    name: "Claude Sonnet 4.5",
    family: "legacy",
    line: "sonnet",
    created: "2025-09-29",
    lifecycle: "retired",
    deprecatedAt: "2026-08-31",
    retiresAt: "2026-11-30",
  }),
];

/** Other ids /v1/messages and GET /v1/models/{id} accept for a catalogue model. */
const ALIASES: Record<string, string> = {
  "claude-haiku-4-5-20251001": "claude-haiku-4-5",
  "claude-opus-4-5-20251101": "claude-opus-4-5",
  "claude-sonnet-4-5-20250929": "claude-sonnet-4-5",
};

/** Retired ids: /v1/messages answers 404 for them (the listed ones stay in GET /v1/models?lifecycle=retired). */
export const RETIRED_IDS: readonly string[] = [
  "claude-sonnet-4-5",
  "claude-sonnet-4-5-20250929",
  "claude-sonnet-4-0",
  "claude-sonnet-4-20250514",
  "claude-opus-4-0",
  "claude-opus-4-20250514",
  "claude-opus-4-1",
  "claude-3-7-sonnet-latest",
  "claude-3-5-haiku-latest",
  "claude-mythos-preview",
];

const byNewest = (a: Entry, b: Entry) => b.info.created_at.localeCompare(a.info.created_at);

/** A full ModelInfo + spec from an admin/option input, filling what it leaves out from its family. */
export function entryFromInput(input: FakeModelInput): Entry {
  if (typeof input.id !== "string" || !input.id) throw new Error("each model needs a string `id`");
  const family = input.fake_family ?? "preserved";
  if (!(family in THINKING_TYPES))
    throw new Error(`fake_family must be preserved, adaptive or legacy (got '${String(family)}')`);
  const base = entry({
    id: input.id,
    name: input.display_name ?? input.id,
    family,
    line: input.line ?? "sonnet",
    created: "2026-12-01",
  }).info;
  const { fake_family: _f, fake_reads, fake_default_effort, ...rest } = input;
  const info: ModelInfo = { ...base, line: null, ...rest, type: "model" };
  const effort = info.capabilities?.effort;
  const efforts = effort
    ? effort.supported
      ? EFFORTS.filter((e) => effort[e]?.supported === true)
      : []
    : family === "legacy"
      ? []
      : EFFORTS;
  const defaultEffort =
    efforts.length === 0
      ? null
      : fake_default_effort && efforts.includes(fake_default_effort)
        ? fake_default_effort
        : efforts.includes("high")
          ? "high"
          : efforts.at(-1)!;
  return {
    info,
    spec: { id: info.id, family, efforts, defaultEffort, reads: fake_reads ?? [], lifecycle: info.lifecycle },
  };
}

export type ModelLookup = { kind: "ok"; spec: ModelSpec } | { kind: "not_found" };

/** The models one fake serves; `reset()` returns to the defaults plus the `extraModels` option. */
export class ModelRegistry {
  /** Every model /v1/messages answers (catalogue + extras + admin-set), by id. */
  private usable = new Map<string, Entry>();
  /** What GET /v1/models lists, newest first. */
  private served: Entry[] = [];
  /** GET /v1/models answers 500 while set (to test a client's fallback). */
  unavailable = false;

  constructor(private readonly extras: readonly FakeModelInput[] = []) {
    this.reset();
  }

  reset() {
    this.usable = new Map();
    const extras = this.extras.map(entryFromInput);
    for (const e of [...DEFAULT_ENTRIES, ...extras]) this.usable.set(e.info.id, e);
    this.served = [...DEFAULT_ENTRIES.filter((e) => !extras.some((x) => x.info.id === e.info.id)), ...extras].sort(
      byNewest,
    );
    this.unavailable = false;
  }

  /** Replaces the listing with `models`, which also become usable in /v1/messages (the default models stay usable). */
  replace(models: readonly FakeModelInput[]) {
    const entries = models.map(entryFromInput);
    for (const e of entries) this.usable.set(e.info.id, e);
    this.served = [...entries].sort(byNewest);
  }

  /** Back to the default listing and models (ids added by replace() answer 404 again); keeps `unavailable`. */
  restore() {
    const unavailable = this.unavailable;
    this.reset();
    this.unavailable = unavailable;
  }

  private resolve(id: string): Entry | undefined {
    return this.usable.get(id) ?? this.usable.get(ALIASES[id] ?? "");
  }

  /** The model a /v1/messages request names: unknown and retired ids are both "not found". */
  lookup(id: string): ModelLookup {
    const e = this.resolve(id);
    // Retired models stay in the catalogue (GET /v1/models?lifecycle=retired) but answer 404.
    if (!e || e.spec.lifecycle === "retired") return { kind: "not_found" };
    return { kind: "ok", spec: e.spec };
  }

  /** Whether `reader` can use thinking blocks `producer` wrote (its own, and those it is said to read). */
  canRead(reader: ModelSpec, producer: string): boolean {
    const canonical = this.resolve(producer)?.info.id ?? producer;
    return canonical === reader.id || reader.reads.includes(canonical);
  }

  /** The canonical id a thinking block is signed with (aliases share their model's blocks). */
  canonicalId(id: string): string {
    return this.resolve(id)?.info.id ?? id;
  }

  /** The listing, every lifecycle, newest first (GET /v1/models filters it). */
  listing(): ModelInfo[] {
    return this.served.map((e) => e.info);
  }

  /** GET /v1/models/{id}: a listed model by id or alias, whatever its lifecycle. */
  retrieve(id: string): ModelInfo | undefined {
    const target = ALIASES[id] ?? id;
    return this.served.find((e) => e.info.id === id || e.info.id === target)?.info;
  }
}
