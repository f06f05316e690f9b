// Control surface under /__admin/ on the same port, for tests running in another process than
// the fake (Playwright workers, while global setup owns the server). Admin calls are not recorded.
import type { IncomingMessage, ServerResponse } from "node:http";
import { entryFromInput, type FakeModelInput } from "./models";
import type { ServerState } from "./server";
import { sendJson } from "./wire";

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

export async function handleAdmin(state: ServerState, reset: () => void, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://fake");
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case "GET /__admin/requests": {
      // Parallel test workers share one fake: each filters the log down to its own conversations
      // (a nonce in its prompt) instead of resetting what the others are relying on.
      const contains = url.searchParams.get("contains");
      const scenario = url.searchParams.get("scenario");
      const log = state.recorder
        .all()
        .filter((r) => scenario === null || r.scenario === scenario)
        .filter((r) => contains === null || JSON.stringify(r.body ?? null).includes(contains));
      return sendJson(res, 200, log);
    }
    case "GET /__admin/scenarios":
      return sendJson(res, 200, { default: state.defaultScenario, names: [...state.scenarios.keys()] });
    case "GET /__admin/health":
      return sendJson(res, 200, { ok: true });
    // Restores everything: requests, cache, default scenario, models, prefix check.
    case "POST /__admin/reset":
      req.resume();
      reset();
      return sendJson(res, 200, { ok: true });
    case "POST /__admin/default-scenario": {
      let name: unknown;
      try {
        name = ((await readJson(req)) as { name?: unknown } | null)?.name;
      } catch {
        return sendJson(res, 400, { ok: false, error: 'body must be JSON {"name": string}' });
      }
      if (typeof name !== "string" || !state.scenarios.has(name)) {
        return sendJson(res, 400, {
          ok: false,
          error: `unknown scenario '${String(name)}'`,
          names: [...state.scenarios.keys()],
        });
      }
      state.defaultScenario = name;
      return sendJson(res, 200, { ok: true, default: name });
    }
    case "GET /__admin/models":
      return sendJson(res, 200, {
        models: state.models.listing(),
        unavailable: state.models.unavailable,
        prefixCheck: state.thinking.prefixCheck,
      });
    case "POST /__admin/models": {
      // Parallel workers share this: the listing is global, so prefer the `extraModels` option
      // or a dedicated fake when a test needs its own list.
      let models: unknown;
      try {
        models = ((await readJson(req)) as { models?: unknown } | null)?.models;
        if (!Array.isArray(models)) throw new Error('body must be JSON {"models": ModelInfo[]}');
        for (const m of models) entryFromInput(m as FakeModelInput);
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
      }
      state.models.replace(models as FakeModelInput[]);
      return sendJson(res, 200, { ok: true, ids: (models as FakeModelInput[]).map((m) => m.id) });
    }
    case "DELETE /__admin/models":
      req.resume();
      state.models.restore();
      return sendJson(res, 200, { ok: true });
    case "POST /__admin/models/unavailable": {
      let on: unknown;
      try {
        on = ((await readJson(req)) as { on?: unknown } | null)?.on;
      } catch {
        on = undefined;
      }
      if (typeof on !== "boolean") return sendJson(res, 400, { ok: false, error: 'body must be JSON {"on": boolean}' });
      state.models.unavailable = on;
      return sendJson(res, 200, { ok: true, unavailable: on });
    }
    case "POST /__admin/prefix-check": {
      let mode: unknown;
      try {
        mode = ((await readJson(req)) as { mode?: unknown } | null)?.mode;
      } catch {
        mode = undefined;
      }
      if (mode !== "error" && mode !== "off")
        return sendJson(res, 400, { ok: false, error: 'body must be JSON {"mode": "error" | "off"}' });
      state.thinking.prefixCheck = mode;
      return sendJson(res, 200, { ok: true, prefixCheck: mode });
    }
    default:
      req.resume();
      return sendJson(res, 404, { ok: false, error: `no admin route ${route}` });
  }
}
