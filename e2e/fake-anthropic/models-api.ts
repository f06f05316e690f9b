// GET /v1/models and GET /v1/models/{id}, with the cursor pagination the SDK's `Page` follows:
// `limit` (default 20, 1–1000), `after_id` / `before_id`, and `{data, has_more, first_id, last_id}`.
// `lifecycle` filters (the SDK sends `lifecycle[]=…`, brackets format; `lifecycle=…` repeated or
// comma-separated works too); without it the list has the active and deprecated models.
import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import type { ModelRegistry } from "./models";
import { invalid, type Rejection } from "./validate";

const LIFECYCLES: readonly ModelInfo["lifecycle"][] = ["active", "deprecated", "retired"];

export interface ModelsPage {
  data: ModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

export type ModelsAnswer =
  | { status: 200; body: ModelsPage | ModelInfo }
  | { status: 404; message: string }
  | { rejection: Rejection };

function lifecycles(params: URLSearchParams): Set<string> | Rejection {
  const raw = [...params.getAll("lifecycle"), ...params.getAll("lifecycle[]")]
    .flatMap((v) => v.split(","))
    .filter(Boolean);
  if (raw.length === 0) return new Set(["active", "deprecated"]);
  for (const v of raw) {
    if (!LIFECYCLES.includes(v as ModelInfo["lifecycle"]))
      return invalid(`lifecycle: Input should be 'active', 'deprecated' or 'retired' (got '${v}')`);
  }
  return new Set(raw);
}

function listModels(models: ModelRegistry, params: URLSearchParams): ModelsAnswer {
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit)) return { rejection: invalid("limit: Input should be a valid integer") };
  if (limit < 1) return { rejection: invalid("limit: Input should be greater than or equal to 1") };
  if (limit > 1000) return { rejection: invalid("limit: Input should be less than or equal to 1000") };
  const wanted = lifecycles(params);
  if ("errorType" in wanted) return { rejection: wanted };
  const afterId = params.get("after_id");
  const beforeId = params.get("before_id");
  if (afterId !== null && beforeId !== null) return { rejection: invalid("after_id and before_id cannot both be set") };

  // Cursors are positions in the full listing, so a cursor outside the filter still works.
  const all = models.listing();
  const cursor = afterId ?? beforeId;
  const at = cursor === null ? -1 : all.findIndex((m) => m.id === cursor);
  if (cursor !== null && at < 0)
    return { rejection: invalid(`${afterId !== null ? "after_id" : "before_id"}: no model with id '${cursor}'`) };
  const keep = (m: ModelInfo) => wanted.has(m.lifecycle);

  let data: ModelInfo[];
  let hasMore: boolean;
  if (beforeId !== null) {
    const before = all.slice(0, at).filter(keep);
    data = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    const after = all.slice(at + 1).filter(keep);
    data = after.slice(0, limit);
    hasMore = after.length > limit;
  }
  return {
    status: 200,
    body: { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
  };
}

/** Answers a GET under /v1/models; `path` is the URL path, `params` its query. */
export function answerModels(models: ModelRegistry, path: string, params: URLSearchParams): ModelsAnswer {
  if (path === "/v1/models" || path === "/v1/models/") return listModels(models, params);
  const id = decodeURIComponent(path.slice("/v1/models/".length));
  const info = models.retrieve(id);
  return info ? { status: 200, body: info } : { status: 404, message: `model: ${id}` };
}
