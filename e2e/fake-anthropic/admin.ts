// Control surface under /__admin/ on the same port, for tests running in another process than
// the fake (Playwright workers, while global setup owns the server). Admin calls are not recorded.
import type { IncomingMessage, ServerResponse } from "node:http";
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
    case "POST /__admin/reset":
      req.resume();
      reset();
      return sendJson(res, 200, { ok: true });
    case "POST /__admin/default-scenario": {
      let name: unknown;
      try {
        name = ((await readJson(req)) as { name?: unknown } | null)?.name;
      } catch {
        return sendJson(res, 400, { ok: false, error: "body must be JSON {\"name\": string}" });
      }
      if (typeof name !== "string" || !state.scenarios.has(name)) {
        return sendJson(res, 400, { ok: false, error: `unknown scenario '${String(name)}'`, names: [...state.scenarios.keys()] });
      }
      state.defaultScenario = name;
      return sendJson(res, 200, { ok: true, default: name });
    }
    default:
      req.resume();
      return sendJson(res, 404, { ok: false, error: `no admin route ${route}` });
  }
}
