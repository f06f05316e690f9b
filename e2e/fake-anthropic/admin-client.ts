// Typed access to the admin API for code in another process than the server (Playwright specs).
import type { ModelInfo } from "@anthropic-ai/sdk/resources/models";
import type { FakeModelInput } from "./models";
import type { PrefixCheck } from "./thinking";
import type { RecordedRequest } from "./types";

/** Narrows the log: `contains` matches anywhere in the JSON body (e.g. a per-test nonce in the prompt). */
export interface RequestFilter {
  contains?: string;
  scenario?: string;
}

export interface FakeAnthropicAdmin {
  requests(filter?: RequestFilter): Promise<RecordedRequest[]>;
  reset(): Promise<void>;
  setDefaultScenario(name: string): Promise<void>;
  /** What GET /v1/models currently lists (every lifecycle), and the switches below. */
  models(): Promise<{ models: ModelInfo[]; unavailable: boolean; prefixCheck: PrefixCheck }>;
  /** Replaces the listing; the ids become usable in /v1/messages (family: `fake_family`, default "preserved"). */
  setModels(models: FakeModelInput[]): Promise<void>;
  /** Back to the default listing. */
  restoreModels(): Promise<void>;
  /** While on, GET /v1/models answers 500 (to test a fallback to a built-in table). */
  setModelsUnavailable(on: boolean): Promise<void>;
  /** "off" stops the preserved-thinking prefix checks (signatures are still verified). */
  setPrefixCheck(mode: PrefixCheck): Promise<void>;
  /** Polls the request log until `predicate` holds; resolves with the log at that moment. */
  waitFor(
    predicate: (log: RecordedRequest[]) => boolean,
    filter?: RequestFilter,
    timeoutMs?: number,
  ): Promise<RecordedRequest[]>;
}

export function fakeAnthropicAdmin(baseUrl: string): FakeAnthropicAdmin {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/__admin/${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`fake-anthropic admin ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const requests = async (filter: RequestFilter = {}) => {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    const qs = query.toString();
    return (await call("GET", qs ? `requests?${qs}` : "requests")) as RecordedRequest[];
  };
  return {
    requests,
    reset: async () => void (await call("POST", "reset")),
    setDefaultScenario: async (name) => void (await call("POST", "default-scenario", { name })),
    models: async () =>
      (await call("GET", "models")) as { models: ModelInfo[]; unavailable: boolean; prefixCheck: PrefixCheck },
    setModels: async (models) => void (await call("POST", "models", { models })),
    restoreModels: async () => void (await call("DELETE", "models")),
    setModelsUnavailable: async (on) => void (await call("POST", "models/unavailable", { on })),
    setPrefixCheck: async (mode) => void (await call("POST", "prefix-check", { mode })),
    async waitFor(predicate, filter, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const log = await requests(filter);
        if (predicate(log)) return log;
        if (Date.now() > deadline)
          throw new Error(`fake-anthropic: condition not met within ${timeoutMs} ms (${log.length} requests)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
