// A local stand-in for api.anthropic.com (which this machine cannot reach): the real SDK is
// pointed at it with ANTHROPIC_BASE_URL / baseURL. It speaks the Messages API wire format
// (SSE and JSON), checks requests like the API does (models, thinking parameters, thinking
// signatures and prefixes), plays a scripted scenario per request, serves the Models API, and
// records everything for tests. node:http only, so it runs anywhere tsx runs.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { ModelRegistry, type FakeModelInput } from "./models";
import { answerModels } from "./models-api";
import { Recorder, type Tracking } from "./recorder";
import { findMarker, isObject, lastToolResult, messagesOf, turnPosition } from "./request-view";
import { playReply } from "./respond";
import { DEFAULT_SCENARIO, SCENARIOS } from "./scenarios";
import { withMarkerStreamOptions } from "./script-helpers";
import { ThinkingState, isRejection, planThinking, shapeContent, withoutUnseen, type PrefixCheck } from "./thinking";
import { PromptCache, countInputTokens, recordedInput } from "./usage";
import { checkBody, checkHeaders, isValidKey, readApiKey } from "./validate";
import { baseHeaders, sendApiError, sendJson } from "./wire";
import type { JsonObject, RecordedRequest, Scenario, ScenarioContext } from "./types";

export interface FakeAnthropicOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, only this key is accepted; otherwise any key but "bad-key". */
  apiKey?: string;
  /** Scenario for requests without a `[scenario:…]` marker; `reset()` returns to it. Default "echo". */
  defaultScenario?: string;
  /** Extra or replacement scenarios, merged over the built-in ones. */
  scenarios?: Record<string, Scenario>;
  /** Prefixes shorter than this are not cached (the real API's minimum is 1024+; 0 keeps tests small). */
  minCacheableTokens?: number;
  /** Largest accepted body (the real API's limit is 32 MB). */
  maxBodyBytes?: number;
  /** Called once per API request when its response is complete or abandoned (e.g. for CLI logging). */
  onRequestDone?: (r: RecordedRequest) => void;
  /** Models added to the catalogue (listed by GET /v1/models and usable in /v1/messages). */
  extraModels?: FakeModelInput[];
  /**
   * "error" (default): preserved-thinking models reject thinking blocks bound to a different
   * prefix and turns whose thinking blocks were left out. "off": signatures are still checked.
   */
  prefixCheck?: PrefixCheck;
}

export interface FakeAnthropic {
  /** Base URL for the SDK (`baseURL` / ANTHROPIC_BASE_URL), without a trailing slash. */
  url: string;
  port: number;
  /** Recorded API requests (admin calls are not recorded), oldest first. Live objects: copy to snapshot. */
  requests(): RecordedRequest[];
  /** Forgets requests and cache state, and restores the initial default scenario. */
  reset(): void;
  setDefaultScenario(name: string): void;
  defaultScenario(): string;
  addScenario(name: string, scenario: Scenario): void;
  scenarioNames(): string[];
  /** Replaces what GET /v1/models lists; those ids also become usable in /v1/messages. */
  setModels(models: FakeModelInput[]): void;
  /** Back to the default model listing. */
  restoreModels(): void;
  /** While on, GET /v1/models (and /v1/models/{id}) answer 500. */
  setModelsUnavailable(on: boolean): void;
  setPrefixCheck(mode: PrefixCheck): void;
  close(): Promise<void>;
}

export interface ServerState {
  recorder: Recorder;
  cache: PromptCache;
  scenarios: Map<string, Scenario>;
  defaultScenario: string;
  initialDefault: string;
  models: ModelRegistry;
  thinking: ThinkingState;
  initialPrefixCheck: PrefixCheck;
}

const notFoundModel = (id: string) => ({ status: 404, errorType: "not_found_error" as const, message: `model: ${id}` });

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function conversationKey(scenario: string, messages: JsonObject[]): string {
  return createHash("sha256")
    .update(scenario)
    .update(JSON.stringify(messages[0] ?? null))
    .digest("hex")
    .slice(0, 16);
}

async function handleMessages(state: ServerState, t: Tracking, res: ServerResponse, body: JsonObject) {
  const { record } = t;
  const lookup = state.models.lookup(String(body.model));
  if (lookup.kind === "not_found") return sendApiError(res, record.requestId, notFoundModel(String(body.model)));
  const spec = lookup.spec;
  record.family = spec.family;
  const plan = planThinking(body, spec);
  if (isRejection(plan)) return sendApiError(res, record.requestId, plan);
  record.thinking = plan;
  const history = state.thinking.checkHistory(body, spec, state.models);
  if (isRejection(history)) return sendApiError(res, record.requestId, history);
  record.droppedThinking = history.dropped;

  const messages = messagesOf(body);
  const marker = findMarker(messages);
  const name = marker?.name ?? state.defaultScenario;
  record.scenario = name;
  const scenario = state.scenarios.get(name);
  if (!scenario) {
    const known = [...state.scenarios.keys()].join(", ");
    return sendApiError(res, record.requestId, {
      status: 400,
      errorType: "invalid_request_error",
      message: `fake-anthropic: unknown scenario '${name}' (known: ${known})`,
    });
  }
  record.conversation = conversationKey(name, messages);
  const position = turnPosition(messages);
  record.step = position.step;
  const params = marker?.params ?? {};
  const ctx: ScenarioContext = {
    scenario: name,
    body,
    messages,
    ...position,
    attempt: state.recorder.attemptsBefore(record, messages.length),
    params,
    lastToolResult: lastToolResult(messages),
    model: String(body.model),
    family: spec.family,
    thinking: plan,
  };
  const script = scenario(ctx);
  if (script.kind === "http-error") return sendApiError(res, record.requestId, script);
  const redacted = ["1", "true", "yes"].includes(params.redacted ?? "");
  const blocks = state.thinking.resolve(body, spec.id, shapeContent(script, plan), plan, { redacted });
  await playReply(
    {
      res,
      requestId: record.requestId,
      model: String(body.model),
      maxTokens: Number(body.max_tokens),
      stream: body.stream === true,
      // Earlier thinking blocks the model does not see (dropped, or any on a legacy model) cost nothing.
      input: script.usage ? recordedInput(script.usage) : state.cache.account(withoutUnseen(body, history.unseen)),
      clientGone: t.clientGone,
      record: t.event,
      markServerCut: t.markServerCut,
    },
    withMarkerStreamOptions(ctx, script),
    blocks,
  );
}

async function handleModels(state: ServerState, req: IncomingMessage, res: ServerResponse, t: Tracking) {
  const { record } = t;
  if (state.models.unavailable) {
    return sendApiError(res, record.requestId, {
      status: 500,
      errorType: "api_error",
      message: "Internal server error",
    });
  }
  const url = new URL(req.url ?? "/", "http://fake");
  const answer = answerModels(state.models, url.pathname, url.searchParams);
  if ("rejection" in answer) return sendApiError(res, record.requestId, answer.rejection);
  if (answer.status === 404)
    return sendApiError(res, record.requestId, { status: 404, errorType: "not_found_error", message: answer.message });
  sendJson(res, 200, answer.body, baseHeaders(record.requestId));
}

async function handleApi(state: ServerState, opts: FakeAnthropicOptions, req: IncomingMessage, res: ServerResponse) {
  const t = state.recorder.start(req, res);
  const { record } = t;
  const countTokens = record.path === "/v1/messages/count_tokens";
  const models = record.path === "/v1/models" || record.path.startsWith("/v1/models/");
  if (models && req.method === "GET") {
    req.resume();
    // Authentication first, as on the messages endpoint.
    if (!isValidKey(readApiKey(req.headers).key, opts.apiKey)) {
      return sendApiError(res, record.requestId, {
        status: 401,
        errorType: "authentication_error",
        message: "invalid x-api-key",
      });
    }
    const rejection = checkHeaders(req.headers);
    if (rejection) return sendApiError(res, record.requestId, rejection);
    return handleModels(state, req, res, t);
  }
  if (req.method !== "POST" || (record.path !== "/v1/messages" && !countTokens)) {
    req.resume();
    return sendApiError(res, record.requestId, {
      status: 404,
      errorType: "not_found_error",
      message: `Not found: ${req.method} ${record.path}`,
    });
  }
  const raw = await readBody(req, opts.maxBodyBytes ?? 32 * 1024 * 1024);
  if (raw === null) {
    res.setHeader("connection", "close");
    return sendApiError(res, record.requestId, {
      status: 413,
      errorType: "request_too_large",
      message: "Request exceeds the maximum allowed number of bytes.",
    });
  }
  // The API authenticates before it looks at the body.
  if (!isValidKey(readApiKey(req.headers).key, opts.apiKey)) {
    return sendApiError(res, record.requestId, {
      status: 401,
      errorType: "authentication_error",
      message: "invalid x-api-key",
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return sendApiError(res, record.requestId, {
      status: 400,
      errorType: "invalid_request_error",
      message: "There was an error parsing the body of your request: invalid JSON",
    });
  }
  record.body = isObject(body) ? body : null;
  record.stream = isObject(body) && body.stream === true;
  const rejection = checkHeaders(req.headers) ?? checkBody(body, { countTokens });
  if (rejection) return sendApiError(res, record.requestId, rejection);
  const json = body as JsonObject;
  record.model = String(json.model);
  if (countTokens) {
    if (state.models.lookup(record.model).kind === "not_found")
      return sendApiError(res, record.requestId, notFoundModel(record.model));
    return sendJson(res, 200, { input_tokens: countInputTokens(json) }, { "request-id": record.requestId });
  }
  await handleMessages(state, t, res, json);
}

export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const scenarios = new Map(Object.entries({ ...SCENARIOS, ...opts.scenarios }));
  const initialDefault = opts.defaultScenario ?? DEFAULT_SCENARIO;
  if (!scenarios.has(initialDefault)) throw new Error(`fake-anthropic: unknown default scenario '${initialDefault}'`);
  const initialPrefixCheck = opts.prefixCheck ?? "error";
  const state: ServerState = {
    recorder: new Recorder(opts.apiKey, opts.onRequestDone),
    cache: new PromptCache(opts.minCacheableTokens ?? 0),
    scenarios,
    defaultScenario: initialDefault,
    initialDefault,
    models: new ModelRegistry(opts.extraModels ?? []),
    thinking: new ThinkingState(initialPrefixCheck),
    initialPrefixCheck,
  };
  // The signing secret survives a reset: a conversation started before it still verifies.
  const reset = () => {
    state.recorder.clear();
    state.cache.clear();
    state.defaultScenario = state.initialDefault;
    state.models.reset();
    state.thinking.clear();
    state.thinking.prefixCheck = state.initialPrefixCheck;
  };

  const server = createServer((req, res) => {
    const isAdmin = (req.url ?? "").startsWith("/__admin/");
    const work = isAdmin ? handleAdmin(state, reset, req, res) : handleApi(state, opts, req, res);
    work.catch((err: unknown) => {
      // A bug in the fake must surface as a loud 500, not a hung request.
      console.error("fake-anthropic: handler failed", err);
      if (!res.headersSent) sendJson(res, 500, { type: "error", error: { type: "api_error", message: String(err) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    requests: () => state.recorder.all(),
    reset,
    setDefaultScenario(name) {
      if (!state.scenarios.has(name)) throw new Error(`fake-anthropic: unknown scenario '${name}'`);
      state.defaultScenario = name;
    },
    defaultScenario: () => state.defaultScenario,
    addScenario: (name, scenario) => void state.scenarios.set(name, scenario),
    scenarioNames: () => [...state.scenarios.keys()],
    setModels: (models) => state.models.replace(models),
    restoreModels: () => state.models.restore(),
    setModelsUnavailable: (on) => {
      state.models.unavailable = on;
    },
    setPrefixCheck: (mode) => {
      state.thinking.prefixCheck = mode;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Slow streams and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
