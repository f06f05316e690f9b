// The models the picker offers: the Models API's own list (GET /v1/models, every page), kept for
// an hour per server so a page load never waits on it twice, merged with the capability table.
// When the API cannot be reached (no key, offline, an error) the table stands in and the answer
// says so. Retired models are never offered; the table's retired list lets a notebook saved with
// one name its replacement.
import "server-only";
import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import { apiKeyConfigured, sdkClientFromEnv } from "../anthropic-client";
import { defaultModel } from "../pricing";
import type { ModelOption, ModelsResponse } from "./model-options";
import { MODEL_TABLE, RETIRED_MODELS, tableSpec, type ModelSpec } from "./model-table";
import { knownSpec, rememberLiveModels } from "./model-spec";

/** How long a good list is kept (PYLOT_MODEL_LIST_CACHE_SECONDS; the tests use 0: read every time). */
function cacheMs(): number {
  const raw = Number(process.env.PYLOT_MODEL_LIST_CACHE_SECONDS);
  return process.env.PYLOT_MODEL_LIST_CACHE_SECONDS !== undefined && Number.isFinite(raw) && raw >= 0
    ? raw * 1000
    : 60 * 60 * 1000;
}
/** A failed read is retried sooner than a good one is refreshed. */
const RETRY_MS = 60 * 1000;
const LIST_TIMEOUT_MS = 5000;

let cached: { at: number; ttl: number; response: ModelsResponse } | null = null;
let pending: Promise<ModelsResponse> | null = null;

function toOption(spec: ModelSpec): ModelOption {
  return {
    id: spec.id,
    displayName: spec.displayName,
    lifecycle: spec.lifecycle,
    retiresAt: spec.retiresAt,
    efforts: [...spec.efforts],
    defaultEffort: spec.defaultEffort,
    thinking: spec.thinking.includes("adaptive"),
    contextWindow: spec.contextWindow,
    maxOutput: spec.maxOutput,
    price: tableSpec(spec.id) ? { ...spec.price } : null,
  };
}

function response(models: ModelOption[], source: ModelsResponse["source"]): ModelsResponse {
  const retired = RETIRED_MODELS.map((r) => ({
    id: r.id,
    displayName: r.displayName,
    retiredOn: r.retiredOn,
    replacement: r.replacement,
  }));
  return { models, defaultModel: defaultModel(), retired, source, checkedAt: new Date().toISOString() };
}

export function tableModels(): ModelsResponse {
  return response(MODEL_TABLE.map(toOption), "table");
}

async function readLive(): Promise<ModelInfo[]> {
  const client = sdkClientFromEnv({ maxRetries: 1 });
  const models: ModelInfo[] = [];
  for await (const m of client.models.list({ limit: 100 }, { timeout: LIST_TIMEOUT_MS })) models.push(m);
  return models;
}

async function load(): Promise<{ response: ModelsResponse; ok: boolean }> {
  if (!apiKeyConfigured()) return { response: tableModels(), ok: true };
  try {
    const infos = await readLive();
    rememberLiveModels(infos);
    const options = infos
      .filter((m) => m.lifecycle !== "retired")
      .flatMap((m) => {
        const spec = knownSpec(m.id);
        return spec ? [toOption(spec)] : [];
      });
    if (options.length === 0) return { response: tableModels(), ok: false };
    return { response: response(options, "api"), ok: true };
  } catch (err) {
    console.warn(`[agent] could not list models from the API; offering the known table: ${(err as Error).message}`);
    return { response: tableModels(), ok: false };
  }
}

export async function listModels(now = Date.now()): Promise<ModelsResponse> {
  if (cached && now - cached.at < cached.ttl) return cached.response;
  pending ??= load()
    .then(({ response: r, ok }) => {
      cached = { at: Date.now(), ttl: ok ? cacheMs() : Math.min(RETRY_MS, cacheMs()), response: r };
      return r;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** Forgets the cached list (tests, or an operator who changed the key). */
export function clearModelCache(): void {
  cached = null;
}
