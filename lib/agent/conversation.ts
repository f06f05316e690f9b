// The conversation as stored (one ordered list of Messages API turns per notebook, across runs)
// and as sent: turns merged and tool_use/tool_result pairs made valid, then cache breakpoints.
// Pure functions: the database layer and the step driver both use them.
import type { MessageParam } from "@anthropic-ai/sdk/resources/messages";
import type { Output } from "@/lib/notebook/outputs";
import { shapeObservation, type ObservationBlock, type ObservationLimits } from "./observation";

export type TextBlock = { type: "text"; text: string };
export type ImageBlock = Extract<ObservationBlock, { type: "image" }>;
export type ToolUseBlock = { type: "tool_use"; id: string; name: string; input: unknown };
export type ToolResultBlock = {
  type: "tool_result";
  tool_use_id: string;
  content: (TextBlock | ImageBlock)[];
  is_error?: boolean;
};
/** The model's reasoning, kept exactly as the API sent it (text may be empty: display "omitted"). */
export type ThinkingBlock = { type: "thinking"; thinking: string; signature: string };
/** Reasoning the API's safety systems encrypted: only `data`, passed back untouched. */
export type RedactedThinkingBlock = { type: "redacted_thinking"; data: string };
export type Block = TextBlock | ImageBlock | ToolUseBlock | ToolResultBlock | ThinkingBlock | RedactedThinkingBlock;
export type Role = "user" | "assistant";

export interface Turn {
  role: Role;
  content: Block[];
}

export const NOT_RUN_TEXT = "[not run: the run ended first]";
export const STOPPED_TEXT = "[stopped by the person before this ran]";
export const SKIPPED_TEXT = "The person chose not to run this code.";

/** Content as read back from the database: anything that is not a block object is dropped. */
export function asBlocks(content: unknown): Block[] {
  if (typeof content === "string") return content ? [{ type: "text", text: content }] : [];
  if (!Array.isArray(content)) return [];
  return content.filter(
    (b): b is Block => typeof b === "object" && b !== null && typeof (b as { type?: unknown }).type === "string",
  );
}

export function toolUsesOf(turn: Turn | undefined): ToolUseBlock[] {
  return turn?.role === "assistant" ? turn.content.filter((b): b is ToolUseBlock => b.type === "tool_use") : [];
}

export function toolResultIdsOf(turn: Turn | undefined): string[] {
  return turn?.role === "user" ? turn.content.flatMap((b) => (b.type === "tool_result" ? [b.tool_use_id] : [])) : [];
}

export function textOf(content: readonly Block[]): string {
  return content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n\n");
}

/**
 * The tool calls of the last assistant turn that have no result yet in the user turns after it.
 * Empty when the conversation is waiting for the model (or is empty).
 */
export function pendingToolUses(turns: readonly Turn[]): ToolUseBlock[] {
  let last = -1;
  for (let i = turns.length - 1; i >= 0; i--) {
    if (turns[i]!.role === "assistant") {
      last = i;
      break;
    }
  }
  if (last < 0) return [];
  const answered = new Set(turns.slice(last + 1).flatMap((t) => toolResultIdsOf(t)));
  return toolUsesOf(turns[last]).filter((u) => !answered.has(u.id));
}

export function textResult(toolUseId: string, text: string, isError: boolean): ToolResultBlock {
  return {
    type: "tool_result",
    tool_use_id: toolUseId,
    content: [{ type: "text", text }],
    ...(isError ? { is_error: true } : {}),
  };
}

/** A user turn's content with tool results first, as the API requires, in the order given. */
export function withResultsFirst(content: readonly Block[]): Block[] {
  return [...content.filter((b) => b.type === "tool_result"), ...content.filter((b) => b.type !== "tool_result")];
}

/** The first user turn of a run: results for calls an earlier run left open, the notebook, the request. */
export function newRequestContent(notebookContext: string, prompt: string, openToolUseIds: readonly string[]): Block[] {
  return [
    ...openToolUseIds.map((id) => textResult(id, NOT_RUN_TEXT, true)),
    { type: "text", text: notebookContext },
    { type: "text", text: prompt },
  ];
}

export interface ObservationInput {
  toolUseId: string;
  /** The code the model wrote (the tool_use input). */
  modelCode: string;
  /** The code that actually ran: the person may have edited it before approving. */
  ranCode: string;
  outputs: readonly Output[];
  status: "ok" | "error" | "interrupted" | "cancelled";
  skipped?: boolean;
}

export function observationResult(o: ObservationInput, limits: ObservationLimits): ToolResultBlock {
  if (o.skipped) return textResult(o.toolUseId, SKIPPED_TEXT, false);
  const obs = shapeObservation(o.outputs, o.status, [], limits);
  const content = [...obs.content];
  if (o.ranCode !== o.modelCode) {
    const first = content[0];
    const note = `The person edited the code before running it:\n${o.ranCode}`;
    if (first?.type === "text") content[0] = { type: "text", text: `${note}\n\nOutput:\n${first.text}` };
    else content.unshift({ type: "text", text: note });
  }
  return { type: "tool_result", tool_use_id: o.toolUseId, content, ...(obs.isError ? { is_error: true } : {}) };
}

/**
 * Makes stored turns a valid request. The result for a conversation's first N stored turns is the
 * same, byte for byte, whatever is appended after them (the prefix check on thinking blocks needs
 * that): every rule below looks only at a turn and the turns before it, except the synthetic answer
 * to calls left open at the very end, which is never followed by a model turn.
 * Empty text blocks and turns dropped (thinking blocks are kept even when empty), every tool_use answered in
 * the next turn (a run that ended with a call open gets NOT_RUN_TEXT there, first) and results
 * without a call dropped. Consecutive user turns (a step that failed or was interrupted, then a
 * new request) stay separate: the API joins them, and each request keeps its own turn.
 */
export function normalizeTurns(stored: readonly Turn[]): Turn[] {
  const turns = stored
    .map((t) => ({ role: t.role, content: t.content.filter((b) => !(b.type === "text" && !b.text.trim())) }))
    .filter((t) => t.content.length > 0);
  const out: Turn[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    const calls = toolUsesOf(out.at(-1)).map((u) => u.id);
    if (turn.role === "assistant") {
      // A call answered by nothing at all (the conversation ends, or jumps to another answer).
      if (calls.length) out.push({ role: "user", content: calls.map((id) => textResult(id, NOT_RUN_TEXT, true)) });
      out.push(turn);
      continue;
    }
    const kept = turn.content.filter((b) => b.type !== "tool_result" || calls.includes(b.tool_use_id));
    const answered = new Set(toolResultIdsOf({ role: "user", content: kept }));
    const missing = calls.filter((id) => !answered.has(id)).map((id) => textResult(id, NOT_RUN_TEXT, true));
    const content = withResultsFirst([...missing, ...kept]);
    out.push({ role: "user", content: content.length ? content : [{ type: "text", text: "(empty message)" }] });
  }
  const open = toolUsesOf(out.at(-1));
  if (open.length) out.push({ role: "user", content: open.map((u) => textResult(u.id, NOT_RUN_TEXT, true)) });
  return out;
}

type CacheControl = { cache_control: { type: "ephemeral" } };
const EPHEMERAL: CacheControl = { cache_control: { type: "ephemeral" } };

/**
 * Rolling prompt-cache breakpoints: on the last block of the last turn (written by this request,
 * read by the next) and on the last block of the user turn before it (what the previous request
 * wrote, so it is read back whatever the API's block lookback). Blocks are copied, never mutated.
 */
export function withCacheBreakpoints(
  turns: readonly Turn[],
): (Omit<Turn, "content"> & { content: (Block & Partial<CacheControl>)[] })[] {
  const marked = new Set<number>();
  const lastUser = turns.length - 1;
  if (lastUser >= 0) marked.add(lastUser);
  for (let i = lastUser - 1; i >= 0; i--) {
    if (turns[i]!.role === "user") {
      marked.add(i);
      break;
    }
  }
  return turns.map((t, i) => ({
    role: t.role,
    content: t.content.map((b, k) => (marked.has(i) && k === t.content.length - 1 ? { ...b, ...EPHEMERAL } : b)),
  }));
}

/**
 * One key order for every object of a block ("type" first, then alphabetical), whatever order it
 * was built or stored in (PostgreSQL's jsonb reorders keys): a turn goes out as the same bytes
 * whether it was just written or read back, so no request ever rewrites an earlier one.
 */
export function canonicalJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(canonicalJson) as T;
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort((a, b) => (a === "type" ? -1 : b === "type" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = canonicalJson(obj[k]);
  return out as T;
}

/** The messages of a request: normalized stored turns in canonical key order, with cache breakpoints. */
export function requestMessages(stored: readonly Turn[]): MessageParam[] {
  // Our blocks are a structural subset of the SDK's param types (text, image, tool_use, tool_result, thinking).
  const turns = normalizeTurns(stored).map((t) => ({ role: t.role, content: t.content.map(canonicalJson) }));
  return withCacheBreakpoints(turns) as MessageParam[];
}
