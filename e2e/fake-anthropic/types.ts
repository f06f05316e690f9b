// Shapes shared by the fake Anthropic server: what a scenario scripts, what it is given, and what
// the server records. Request bodies stay loosely typed (`Json`) on purpose: the fake must accept
// whatever the app sends and judge it like the real API, not reject it at the type level.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** `error.type` values the Messages API uses. */
export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "timeout_error"
  | "api_error"
  | "overloaded_error";

export type StopReason = "end_turn" | "tool_use" | "max_tokens" | "stop_sequence" | "pause_turn" | "refusal";

/** The model families the fake tells apart (see models.ts): how thinking and its checks behave. */
export type ModelFamily = "preserved" | "adaptive" | "legacy";

export type Effort = "low" | "medium" | "high" | "xhigh" | "max";

/**
 * One content block of a scripted assistant answer. `id` is generated (`toolu_…`) when absent.
 * - `note`: a progress note the model writes between tool calls ("I'll run the code first…"). On
 *   thinking models it arrives as a thinking block; on models not thinking, as a text block.
 * - `thinking`: the model's own thinking; sent only when thinking is on, dropped otherwise.
 * On thinking models every answer starts with a thinking block (one is added when the script's
 * first block is neither), and adjacent thinking/note blocks merge into one.
 */
export type ScriptedBlock =
  | { type: "text"; text: string }
  | { type: "note"; text: string }
  | { type: "thinking"; thinking: string }
  | { type: "tool_use"; name: string; input: JsonObject; id?: string };

export interface StreamOptions {
  /** Delay before each content_block_delta, so a client sees text/code arrive gradually. */
  deltaDelayMs?: number;
  /** Approximate characters per text_delta (default 16). */
  textChunkChars?: number;
  /** Characters of the input's JSON per input_json_delta (default 20). */
  jsonChunkChars?: number;
  /** Send an extra `ping` every N deltas (the real API pings after message_start and at random). */
  pingEveryDeltas?: number;
}

/**
 * Something going wrong after the 200 and the first SSE frames were sent. `afterEvents` counts
 * the frames outside thinking blocks, so the fault comes after the same text on every model.
 */
export type StreamFault =
  | { kind: "error-event"; afterEvents: number; errorType: ApiErrorType; message?: string }
  | { kind: "cut"; afterEvents: number };

export interface ReplyScript {
  kind: "reply";
  content: ScriptedBlock[];
  stopReason: StopReason;
  stream?: StreamOptions;
  fault?: StreamFault;
  /** Report this usage instead of the estimate (a replayed answer keeps its recorded tokens). */
  usage?: RecordedUsage;
  /** Thinking text of the leading thinking block that thinking models add when `content` starts with none. */
  thinking?: string;
}

export interface RecordedUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface HttpErrorScript {
  kind: "http-error";
  status: number;
  errorType: ApiErrorType;
  message: string;
  /** `retry-after` header, seconds (the SDK treats "0" as absent and uses its own backoff). */
  retryAfter?: string;
  /** `retry-after-ms` header, which the SDK prefers over `retry-after`. */
  retryAfterMs?: string;
  /** `x-should-retry` header; defaults to true for 408/409/429/5xx, false otherwise. */
  shouldRetry?: boolean;
}

export type Script = ReplyScript | HttpErrorScript;

/** The tool_result the latest user message carries back, flattened for scenarios to inspect. */
export interface ToolResultView {
  toolUseId: string;
  text: string;
  images: number;
  isError: boolean;
}

export interface ScenarioContext {
  scenario: string;
  body: JsonObject;
  messages: JsonObject[];
  /** Assistant turns already in the request (the brief's step index). */
  step: number;
  /** 0-based index of the latest human turn (user message without tool_result blocks). */
  turn: number;
  /** Assistant turns after the latest human turn. */
  stepInTurn: number;
  /** Failed tries of this step of this conversation since its last success (0 = first try). */
  attempt: number;
  /** `key=value` pairs from the marker, e.g. `[scenario:slow-stream delay=50]`. */
  params: Record<string, string>;
  latestUserText: string;
  lastToolResult: ToolResultView | null;
  /** The requested model, its family, and the thinking the answer will carry (see thinking.ts). */
  model: string;
  family: ModelFamily;
  thinking: ThinkingPlan;
}

/**
 * How an answer thinks: `on` (adaptive, or a legacy model's `enabled`): starts with a thinking
 * block; `between_tools`: only the progress notes come back, as thinking blocks; `off`: no
 * thinking blocks (notes become text). `display` "omitted" sends thinking blocks with empty text.
 */
export interface ThinkingPlan {
  mode: "on" | "between_tools" | "off";
  display: "summarized" | "omitted";
  /** The effort the request asked for, or the model's default; null on models without effort. */
  effort: Effort | null;
}

export type Scenario = (ctx: ScenarioContext) => Script;

export type RequestEventType =
  | "received"
  | "response-started"
  | "error-event-sent"
  | "connection-cut"
  | "connection-closed"
  | "finished";

export interface RequestEvent {
  type: RequestEventType;
  at: number;
}

export interface RecordedRequest {
  seq: number;
  requestId: string;
  method: string;
  path: string;
  receivedAt: number;
  finishedAt: number | null;
  /** Request headers without the credential values. */
  headers: Record<string, string>;
  apiKey: { present: boolean; scheme: "x-api-key" | "bearer" | null; valid: boolean };
  body: Json | null;
  stream: boolean;
  scenario: string | null;
  /** Hash of the first message and the scenario: requests of one conversation share it. */
  conversation: string | null;
  step: number | null;
  /** Messages requests: the requested model, its family (null when unknown) and the thinking played. */
  model: string | null;
  family: ModelFamily | null;
  thinking: ThinkingPlan | null;
  /** Thinking blocks of earlier turns dropped silently because the requested model cannot read them. */
  droppedThinking: number;
  status: number | null;
  /** Client went away before the response was complete (abort, stop button…). */
  closedEarly: boolean;
  events: RequestEvent[];
}

/** A content block of an answer exactly as it goes on the wire (SDK ContentBlock shapes). */
export type WireBlock =
  | { type: "text"; text: string; citations: null }
  | { type: "tool_use"; id: string; name: string; input: JsonObject; caller: { type: "direct" } }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string };

/** A wire block with what it costs in output: thinking counts in full even when its text is omitted. */
export interface ResolvedBlock {
  block: WireBlock;
  outputChars: number;
  /** Part of outputChars that is thinking (usage.output_tokens_details.thinking_tokens). */
  thinkingChars: number;
}
