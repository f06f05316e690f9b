// Read-only views of a Messages API request body for scenario selection and for scenarios
// themselves: human turns, scenario markers, the last tool_result, earlier tool calls.
import type { Json, JsonObject, ToolResultView } from "./types";

export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export function messagesOf(body: JsonObject): JsonObject[] {
  return Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
}

function blocksOf(message: JsonObject): JsonObject[] {
  const c = message.content;
  if (typeof c === "string") return [{ type: "text", text: c }];
  return Array.isArray(c) ? c.filter(isObject) : [];
}

/** A human turn is a user message that is not carrying tool results back. */
export function isHumanTurn(m: JsonObject): boolean {
  return m.role === "user" && !blocksOf(m).some((b) => b.type === "tool_result");
}

export function textOf(m: JsonObject): string {
  return blocksOf(m)
    .filter((b) => b.type === "text" && typeof b.text === "string")
    .map((b) => b.text as string)
    .join("\n");
}

export interface TurnPosition {
  step: number;
  turn: number;
  stepInTurn: number;
  latestUserText: string;
}

export function turnPosition(messages: JsonObject[]): TurnPosition {
  let step = 0;
  let turn = -1;
  let stepInTurn = 0;
  let latestUserText = "";
  for (const m of messages) {
    if (m.role === "assistant") {
      step++;
      stepInTurn++;
    } else if (isHumanTurn(m)) {
      turn++;
      stepInTurn = 0;
      latestUserText = textOf(m);
    }
  }
  return { step, turn: Math.max(turn, 0), stepInTurn, latestUserText };
}

const MARKER = /\[scenario:([a-z0-9][a-z0-9-]*)((?:\s+[a-zA-Z][\w-]*=[^\]\s]*)*)\s*\]/;

export interface ScenarioMarker {
  name: string;
  params: Record<string, string>;
}

export function parseMarker(text: string): ScenarioMarker | null {
  const m = MARKER.exec(text);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const pair of (m[2] ?? "").trim().split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf("=");
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { name: m[1]!, params };
}

/**
 * The scenario marker of a conversation: the latest human turn that carries one. So the first
 * prompt's `[scenario:x]` governs the whole conversation (a "[follow-up]" message needs no marker
 * of its own), and a later prompt can switch scenario by carrying its own marker.
 */
export function findMarker(messages: JsonObject[]): ScenarioMarker | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (!isHumanTurn(m)) continue;
    const marker = parseMarker(textOf(m));
    if (marker) return marker;
  }
  return null;
}

function toolResultText(content: Json | undefined): { text: string; images: number } {
  if (typeof content === "string") return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: "", images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const b of content) {
    if (!isObject(b)) continue;
    if (b.type === "text" && typeof b.text === "string") texts.push(b.text);
    if (b.type === "image") images++;
  }
  return { text: texts.join("\n"), images };
}

/** The last tool_result of the last message, if that message is a user message carrying one. */
export function lastToolResult(messages: JsonObject[]): ToolResultView | null {
  const last = messages.at(-1);
  if (last?.role !== "user") return null;
  const results = blocksOf(last).filter((b) => b.type === "tool_result");
  const r = results.at(-1);
  if (!r) return null;
  return { toolUseId: String(r.tool_use_id ?? ""), ...toolResultText(r.content), isError: r.is_error === true };
}

/** Inputs of every tool_use the assistant made so far, oldest first. */
export function toolUses(messages: JsonObject[]): { id: string; name: string; input: Json }[] {
  return messages
    .filter((m) => m.role === "assistant")
    .flatMap(blocksOf)
    .filter((b) => b.type === "tool_use")
    .map((b) => ({ id: String(b.id ?? ""), name: String(b.name ?? ""), input: b.input ?? null }));
}

/** Whether any block anywhere in the request (tools, system, messages) carries cache_control. */
export function hasCacheControl(body: JsonObject): boolean {
  let found = false;
  JSON.stringify(body, (key, v: unknown) => {
    if (key === "cache_control" && v) found = true;
    return v;
  });
  return found;
}

export function toolNames(body: JsonObject): string[] {
  return Array.isArray(body.tools) ? body.tools.filter(isObject).map((t) => String(t.name ?? t.type ?? "?")) : [];
}
