// Request checks the real API makes and an agent can get wrong: auth, required fields, and
// above all tool_use/tool_result pairing, which the real API rejects with a 400 and a fake that
// accepted anything would hide. Messages mimic the real wording so logs look familiar.
import type { IncomingHttpHeaders } from "node:http";
import { isObject } from "./request-view";
import type { ApiErrorType, JsonObject, RecordedRequest } from "./types";

export interface Rejection {
  status: number;
  errorType: ApiErrorType;
  message: string;
}

export const invalid = (message: string): Rejection => ({ status: 400, errorType: "invalid_request_error", message });

/**
 * The credential a request carries. SDK 1.x sends the API key as `Authorization: Bearer <key>`
 * (client.ts apiKeyAuth); curl-style clients send `x-api-key`. The real API takes both.
 */
export function readApiKey(headers: IncomingHttpHeaders): {
  key: string | null;
  scheme: RecordedRequest["apiKey"]["scheme"];
} {
  const x = headers["x-api-key"];
  if (typeof x === "string" && x) return { key: x, scheme: "x-api-key" };
  const auth = headers.authorization;
  const m = typeof auth === "string" ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  if (m) return { key: m[1]!.trim(), scheme: "bearer" };
  return { key: null, scheme: null };
}

/** Any non-empty key except "bad-key" is valid unless the server was given one expected key. */
export function isValidKey(key: string | null, expected: string | undefined): boolean {
  if (!key || key === "bad-key") return false;
  return expected === undefined || key === expected;
}

export function checkHeaders(headers: IncomingHttpHeaders): Rejection | null {
  if (!headers["anthropic-version"]) return invalid("anthropic-version: header is required");
  return null;
}

function toolUseIds(m: JsonObject | undefined): string[] {
  if (m?.role !== "assistant" || !Array.isArray(m.content)) return [];
  return m.content
    .filter(isObject)
    .filter((b) => b.type === "tool_use")
    .map((b) => String(b.id));
}

function checkMessages(messages: JsonObject[]): Rejection | null {
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role !== "user" && m.role !== "assistant" && m.role !== "system") {
      return invalid(`messages.${i}.role: Input should be 'user', 'assistant' or 'system'`);
    }
    const content = m.content;
    if (typeof content !== "string" && !Array.isArray(content)) return invalid(`messages.${i}.content: Field required`);
    if (typeof content === "string") {
      if (!content && i !== messages.length - 1) return invalid(`messages.${i}: text content blocks must be non-empty`);
      continue;
    }
    const blocks = content.filter(isObject);
    if (blocks.length === 0 && i !== messages.length - 1) {
      return invalid(
        `messages.${i}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    for (const [k, b] of blocks.entries()) {
      if (b.type === "text" && (typeof b.text !== "string" || b.text === "")) {
        return invalid(`messages.${i}.content.${k}.text: text content blocks must be non-empty`);
      }
    }
    const previousIds = toolUseIds(messages[i - 1]);
    const results = blocks.filter((b) => b.type === "tool_result").map((b) => String(b.tool_use_id));
    for (const [k, id] of results.entries()) {
      if (m.role !== "user" || !previousIds.includes(id)) {
        return invalid(
          `messages.${i}.content.${k}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
            "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
        );
      }
    }
    const missing = previousIds.filter((id) => !results.includes(id));
    if (missing.length > 0) {
      return invalid(
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. ` +
          "Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
      );
    }
  }
  return null;
}

function checkTools(tools: unknown): Rejection | null {
  if (tools === undefined) return null;
  if (!Array.isArray(tools)) return invalid("tools: Input should be a valid list");
  for (const [i, t] of tools.entries()) {
    if (!isObject(t)) return invalid(`tools.${i}: Input should be an object`);
    const custom = t.type === undefined || t.type === "custom";
    if (typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) {
      return invalid(`tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    }
    if (custom && !isObject(t.input_schema)) return invalid(`tools.${i}.custom.input_schema: Field required`);
  }
  return null;
}

/** Body checks for POST /v1/messages (`countTokens` skips the max_tokens requirement). */
export function checkBody(body: unknown, { countTokens = false } = {}): Rejection | null {
  if (!isObject(body)) return invalid("There was an error parsing the body of your request: expected a JSON object");
  if (typeof body.model !== "string" || !body.model) return invalid("model: Field required");
  if (!countTokens) {
    const max = body.max_tokens;
    if (max === undefined) return invalid("max_tokens: Field required");
    if (typeof max !== "number" || !Number.isInteger(max) || max < 1) {
      return invalid("max_tokens: Input should be a valid integer greater than or equal to 1");
    }
    if (body.stream !== undefined && typeof body.stream !== "boolean")
      return invalid("stream: Input should be a valid boolean");
  }
  if (!Array.isArray(body.messages)) return invalid("messages: Field required");
  if (body.messages.length === 0) return invalid("messages: at least one message is required");
  if (!body.messages.every(isObject)) return invalid("messages: Input should be a list of objects");
  return checkMessages(body.messages as JsonObject[]) ?? checkTools(body.tools);
}
