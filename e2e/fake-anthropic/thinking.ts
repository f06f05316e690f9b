// Thinking, like today's API: which thinking parameters a model refuses, the thinking blocks an
// answer carries, and the checks on thinking blocks passed back in later requests.
//
// Signatures. Every thinking block the fake sends is signed with an HMAC (per-server random
// secret) over the model that wrote it, its text (or a redacted block's nonce) and its PREFIX:
// the request's `system` and `tools`, every message before its assistant turn, and the earlier
// blocks of its own turn. The prefix is hashed as a chain over a canonical form: JSON with object
// keys sorted recursively, every `cache_control` property removed (breakpoints move with the
// conversation and are not part of the prompt), strings exact; string content is the same as one
// text block, and a block's null fields (`citations: null`) and default `caller: {type:"direct"}`
// are left out, since a client may or may not echo them. The signature is base64 of
// ["fake-sig-1", model, prefix hash, HMAC]: readable, but not forgeable without the secret.
//
// On a request to a PRESERVED model, for each thinking block of an earlier assistant turn, in
// order: a signature that does not verify (text altered, signature edited) → 400; a block from a
// model the requested one cannot read → dropped silently; a prefix different from the signed one
// → 400 "bound to a different conversation". A turn the fake sent with thinking blocks that comes
// back without them → 400. ADAPTIVE models check signatures only; LEGACY models ignore the blocks.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { isObject } from "./request-view";
import { EFFORTS, type ModelRegistry, type ModelSpec } from "./models";
import { invalid, type Rejection } from "./validate";
import { newToolUseId } from "./wire";
import type { Effort, Json, JsonObject, ReplyScript, ResolvedBlock, ThinkingPlan, WireBlock } from "./types";

export type PrefixCheck = "error" | "off";

const THINKING_TYPES = ["adaptive", "between_tools", "disabled", "enabled"] as const;
const SAMPLING = ["temperature", "top_p", "top_k"] as const;
/** Thinking text a thinking model's answer starts with when the script gives none. */
export const DEFAULT_THINKING = "Working out how to answer this.";

const isThinkingBlock = (b: Json): b is JsonObject =>
  isObject(b) && (b.type === "thinking" || b.type === "redacted_thinking");
const quoteList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");

// ---------------------------------------------------------------------------------------------
// Parameters

/** The thinking an answer carries, or the 400 the API gives this model for these parameters. */
export function planThinking(body: JsonObject, spec: ModelSpec): ThinkingPlan | Rejection {
  const model = String(body.model);
  const t = body.thinking;
  if (t !== undefined && t !== null && !isObject(t))
    return invalid("thinking: Input should be a valid dictionary or object");
  const thinking = isObject(t) ? t : null;
  const type = thinking?.type;
  if (thinking && !THINKING_TYPES.includes(type as (typeof THINKING_TYPES)[number])) {
    return invalid(
      `thinking: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: ${quoteList(THINKING_TYPES)}`,
    );
  }
  const display = thinking?.display ?? null;
  if (display !== null && display !== "summarized" && display !== "omitted") {
    return invalid(`thinking.${String(type)}.display: Input should be 'summarized' or 'omitted'`);
  }
  const config = body.output_config;
  if (config !== undefined && config !== null && !isObject(config))
    return invalid("output_config: Input should be a valid dictionary or object");
  const rawEffort = isObject(config) ? (config.effort ?? null) : null;
  if (rawEffort !== null && !EFFORTS.includes(rawEffort as Effort)) {
    return invalid(`output_config.effort: Input should be ${quoteList(EFFORTS).replace(/, ([^,]*)$/, " or $1")}`);
  }
  const effort = rawEffort as Effort | null;
  const budget = thinking?.budget_tokens;

  if (spec.family === "legacy") {
    if (type === "adaptive" || type === "between_tools") {
      return invalid(
        `thinking.type: '${type}' is not supported by ${model}; use thinking.type 'enabled' with budget_tokens, or leave thinking out`,
      );
    }
    if (effort !== null)
      return invalid(`output_config.effort: effort is not supported by ${model}; remove output_config.effort`);
    if (type === "enabled") {
      if (typeof budget !== "number" || !Number.isInteger(budget))
        return invalid("thinking.enabled.budget_tokens: Field required");
      if (budget < 1024)
        return invalid("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
      if (typeof body.max_tokens === "number" && body.max_tokens <= budget) {
        return invalid(`max_tokens: must be greater than thinking.budget_tokens (${budget})`);
      }
    }
    return {
      mode: type === "enabled" ? "on" : "off",
      display: (display as ThinkingPlan["display"] | null) ?? "summarized",
      effort: null,
    };
  }

  for (const p of SAMPLING) {
    if (body[p] !== undefined && body[p] !== null) {
      return invalid(
        `${p}: not supported by ${model}; this model sets its own sampling (use output_config.effort to trade speed for depth)`,
      );
    }
  }
  if (type === "enabled") {
    return invalid(
      `thinking.type: 'enabled' (manual thinking with budget_tokens) is not supported by ${model}; use thinking.type 'adaptive' and output_config.effort`,
    );
  }
  if (budget !== undefined) {
    return invalid(
      `thinking.budget_tokens: not supported by ${model}; use output_config.effort to control how much it thinks`,
    );
  }
  if (spec.family === "adaptive" && type === "between_tools") {
    return invalid(`thinking.type: 'between_tools' is not supported by ${model}; use 'disabled' to turn thinking off`);
  }
  if (spec.family === "preserved") {
    if (type === "disabled") {
      return invalid(
        `thinking.type: 'disabled' is not supported by ${model}; thinking cannot be turned off on this model. ` +
          "Use thinking.type 'between_tools' to skip thinking (progress notes between tool calls still come back as thinking blocks)",
      );
    }
    const choice = body.tool_choice;
    if (isObject(choice) && (choice.type === "any" || choice.type === "tool")) {
      return invalid(
        `tool_choice.type: '${choice.type}' (forced tool use) is not supported by ${model}; use 'auto' or 'none'`,
      );
    }
    const messages = Array.isArray(body.messages) ? body.messages : [];
    const last = messages.at(-1);
    if (isObject(last) && last.role === "assistant") {
      return invalid(
        `messages.${messages.length - 1}: assistant message prefill is not supported by ${model}; the conversation must end with a user message`,
      );
    }
  }
  if (effort !== null && !spec.efforts.includes(effort)) {
    return invalid(
      `output_config.effort: '${effort}' is not supported by ${model} (supported: ${spec.efforts.join(", ")})`,
    );
  }
  if (type === "between_tools" && (effort === "xhigh" || effort === "max")) {
    return invalid(
      `output_config.effort: '${effort}' cannot be combined with thinking.type 'between_tools' on ${model}; use 'low', 'medium' or 'high'`,
    );
  }
  return {
    mode: type === "between_tools" ? "between_tools" : type === "disabled" ? "off" : "on",
    display: (display as ThinkingPlan["display"] | null) ?? "omitted",
    effort: effort ?? spec.defaultEffort,
  };
}

export const isRejection = <T extends object>(x: T | Rejection): x is Rejection => "errorType" in x;

// ---------------------------------------------------------------------------------------------
// Canonical prefix

/** JSON with sorted keys and no `cache_control` anywhere. */
function stable(value: Json | undefined): string {
  return JSON.stringify(value ?? null, (key, v: unknown) => {
    if (key === "cache_control") return undefined;
    if (isObject(v))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, v[k]]),
      );
    return v;
  });
}

/** A content block as the prefix sees it: no null fields, no default caller. */
function normBlock(block: Json): Json {
  if (!isObject(block)) return block;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(block)) {
    if (v === null || v === undefined) continue;
    if (k === "caller" && isObject(v) && v.type === "direct" && Object.keys(v).length === 1) continue;
    out[k] = v;
  }
  return out;
}

/** Content as a list of blocks: a string is one text block, as the API reads it. */
function contentBlocks(content: Json | undefined): Json[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return Array.isArray(content) ? content : [];
}

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);

/** Hash chain over the prefix: start (system + tools) → each message → a turn's earlier blocks. */
const chain = {
  start: (body: JsonObject) =>
    digest(
      "prefix-v1",
      stable(contentBlocks(body.system).map(normBlock)),
      stable(Array.isArray(body.tools) ? body.tools.map(normBlock) : []),
    ),
  message: (h: string, m: JsonObject) =>
    digest(h, "message", String(m.role), stable(contentBlocks(m.content).map(normBlock))),
  turn: (h: string) => digest(h, "turn"),
  block: (t: string, b: Json) => digest(t, "block", stable(normBlock(b))),
};

/** Identifies a text-only assistant turn by where it stands and what it says (thinking aside). */
const textKey = (h: string, blocks: Json[]) =>
  digest(h, "text-turn", stable(blocks.filter((b) => !isThinkingBlock(b)).map(normBlock)));

// ---------------------------------------------------------------------------------------------
// Answers

type Shaped =
  | { type: "text"; text: string }
  | { type: "tool_use"; name: string; input: JsonObject; id?: string }
  | { type: "thinking"; text: string };

/**
 * The script's content for this plan: notes become thinking (thinking models) or text (off);
 * explicit thinking is kept only when thinking is on; with thinking on the answer starts with a
 * thinking block; adjacent thinking merges into one block.
 */
export function shapeContent(script: ReplyScript, plan: ThinkingPlan): Shaped[] {
  const out: Shaped[] = [];
  const pushThinking = (text: string) => {
    const prev = out.at(-1);
    if (prev?.type === "thinking") prev.text = prev.text ? `${prev.text}\n\n${text}` : text;
    else out.push({ type: "thinking", text });
  };
  for (const b of script.content) {
    if (b.type === "note") {
      if (plan.mode === "off") out.push({ type: "text", text: b.text });
      else pushThinking(b.text);
    } else if (b.type === "thinking") {
      if (plan.mode === "on") pushThinking(b.thinking);
    } else out.push({ ...b });
  }
  if (plan.mode === "on" && out[0]?.type !== "thinking")
    out.unshift({ type: "thinking", text: script.thinking ?? DEFAULT_THINKING });
  return out;
}

const MAX_REMEMBERED = 200_000;

interface ProducedTurn {
  model: string;
  thinkingBlocks: number;
}

interface Claim {
  model: string;
  prefix: string;
}

export interface HistoryResult {
  /** Positions "i.k" of earlier thinking blocks the model does not see (dropped or ignored). */
  unseen: Set<string>;
  /** Of those, blocks dropped because the model cannot read them (legacy's ignored ones are not counted). */
  dropped: number;
}

/** The signing secret and what the fake has sent, for the checks on later requests. */
export class ThinkingState {
  private readonly secret = randomBytes(32);
  /** Turns sent with thinking blocks, by tool_use id and by text-turn key. */
  private produced = new Map<string, ProducedTurn>();

  constructor(public prefixCheck: PrefixCheck = "error") {}

  clear() {
    this.produced.clear();
  }

  private mac(...parts: string[]): string {
    return createHmac("sha256", this.secret).update(parts.join("\u0000")).digest("base64url");
  }

  private sign(model: string, prefix: string, thinking: string): string {
    const payload = ["fake-sig-1", model, prefix, this.mac("thinking", model, prefix, digest(thinking))];
    return Buffer.from(JSON.stringify(payload)).toString("base64");
  }

  private redactedData(model: string, prefix: string): string {
    const nonce = randomBytes(48).toString("base64");
    const payload = ["fake-redacted-1", model, prefix, nonce, this.mac("redacted", model, prefix, nonce)];
    return Buffer.from(JSON.stringify(payload)).toString("base64");
  }

  private decode(text: unknown): unknown[] | null {
    if (typeof text !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
    try {
      const value: unknown = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
      return Array.isArray(value) && value.every((x) => typeof x === "string") ? value : null;
    } catch {
      return null;
    }
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  /** Model and prefix a passed-back block was signed with, or null when it does not verify. */
  private verify(block: JsonObject): Claim | null {
    if (block.type === "thinking") {
      const p = this.decode(block.signature);
      if (p?.length !== 4 || p[0] !== "fake-sig-1" || typeof block.thinking !== "string") return null;
      const [, model, prefix, mac] = p as string[];
      return this.same(mac!, this.mac("thinking", model!, prefix!, digest(block.thinking)))
        ? { model: model!, prefix: prefix! }
        : null;
    }
    const p = this.decode(block.data);
    if (p?.length !== 5 || p[0] !== "fake-redacted-1") return null;
    const [, model, prefix, nonce, mac] = p as string[];
    return this.same(mac!, this.mac("redacted", model!, prefix!, nonce!)) ? { model: model!, prefix: prefix! } : null;
  }

  /** Checks the thinking blocks of earlier turns (see the top of this file). */
  checkHistory(body: JsonObject, spec: ModelSpec, models: ModelRegistry): HistoryResult | Rejection {
    const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
    const unseen = new Set<string>();
    let dropped = 0;
    const preserved = spec.family === "preserved" && this.prefixCheck === "error";
    let h = chain.start(body);
    for (const [i, m] of messages.entries()) {
      const blocks = contentBlocks(m.content);
      if (m.role !== "assistant") {
        const k = blocks.findIndex(isThinkingBlock);
        if (k >= 0) return invalid(`messages.${i}.content.${k}: thinking blocks may only appear in assistant messages`);
        h = chain.message(h, m);
        continue;
      }
      const positions = blocks.flatMap((b, k) => (isThinkingBlock(b) ? [k] : []));
      if (spec.family === "legacy") {
        for (const k of positions) unseen.add(`${i}.${k}`);
        h = chain.message(h, m);
        continue;
      }
      const producedTurn = preserved ? this.producedTurn(h, blocks) : null;
      const expected = producedTurn && models.canRead(spec, producedTurn.model) ? producedTurn.thinkingBlocks : 0;
      const leftOut = () =>
        invalid(
          `messages.${i}: thinking blocks in this assistant turn must be passed back: it was generated with ${expected} thinking block(s) ` +
            `and ${positions.length} came back. Pass thinking and redacted_thinking blocks back unmodified and in their original order.`,
        );
      if (expected > 0 && positions.length === 0) return leftOut();
      let t = chain.turn(h);
      for (const [k, b] of blocks.entries()) {
        if (isThinkingBlock(b)) {
          if (b.type === "thinking" && typeof b.signature !== "string")
            return invalid(`messages.${i}.content.${k}.thinking.signature: Field required`);
          if (b.type === "redacted_thinking" && typeof b.data !== "string")
            return invalid(`messages.${i}.content.${k}.redacted_thinking.data: Field required`);
          const claim = this.verify(b);
          if (!claim) {
            return invalid(
              b.type === "thinking"
                ? `messages.${i}.content.${k}: thinking block signature is invalid; thinking blocks must be passed back unmodified`
                : `messages.${i}.content.${k}: redacted_thinking block data is invalid; thinking blocks must be passed back unmodified`,
            );
          }
          if (!models.canRead(spec, claim.model)) {
            unseen.add(`${i}.${k}`);
            dropped++;
          } else if (preserved && claim.prefix !== t) {
            return invalid(
              `messages.${i}.content.${k}: ${String(b.type)} block cannot be used here. The block is bound to a different conversation: ` +
                "the system prompt, the tools, an earlier message or an earlier block of its turn differ from the request it was generated for. " +
                "Pass the conversation back unmodified.",
            );
          }
        }
        t = chain.block(t, b);
      }
      if (expected > positions.length) return leftOut();
      h = chain.message(h, m);
    }
    return { unseen, dropped };
  }

  private producedTurn(h: string, blocks: Json[]): ProducedTurn | null {
    for (const b of blocks) {
      if (isObject(b) && b.type === "tool_use" && typeof b.id === "string") {
        const found = this.produced.get(`tool:${b.id}`);
        if (found) return found;
      }
    }
    return this.produced.get(`text:${textKey(h, blocks)}`) ?? null;
  }

  /**
   * The answer's wire blocks: tool_use ids assigned, thinking text shown or omitted, every
   * thinking block signed with its prefix (this request + the answer's earlier blocks).
   */
  resolve(
    body: JsonObject,
    model: string,
    shaped: Shaped[],
    plan: ThinkingPlan,
    opts: { redacted: boolean },
  ): ResolvedBlock[] {
    const messages = Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
    let h = chain.start(body);
    for (const m of messages) h = chain.message(h, m);
    let t = chain.turn(h);
    const out: ResolvedBlock[] = [];
    for (const s of shaped) {
      let resolved: ResolvedBlock;
      if (s.type === "thinking") {
        const chars = s.text.length;
        if (opts.redacted)
          resolved = {
            block: { type: "redacted_thinking", data: this.redactedData(model, t) },
            outputChars: chars,
            thinkingChars: chars,
          };
        else {
          // Omitted display: the thinking still happened (and is billed); its text is not sent.
          const shown = plan.mode === "on" && plan.display === "omitted" ? "" : s.text;
          resolved = {
            block: { type: "thinking", thinking: shown, signature: this.sign(model, t, shown) },
            outputChars: chars,
            thinkingChars: chars,
          };
        }
      } else if (s.type === "text") {
        resolved = {
          block: { type: "text", text: s.text, citations: null },
          outputChars: s.text.length,
          thinkingChars: 0,
        };
      } else {
        const block: WireBlock = {
          type: "tool_use",
          id: s.id ?? newToolUseId(),
          name: s.name,
          input: s.input,
          caller: { type: "direct" },
        };
        resolved = { block, outputChars: JSON.stringify(s.input).length, thinkingChars: 0 };
      }
      out.push(resolved);
      t = chain.block(t, resolved.block as unknown as Json);
    }
    const thinkingBlocks = out.filter(
      (r) => r.block.type === "thinking" || r.block.type === "redacted_thinking",
    ).length;
    if (thinkingBlocks > 0) {
      // A long-running fake (the e2e server) forgets the oldest answers rather than grow forever.
      while (this.produced.size > MAX_REMEMBERED) this.produced.delete(this.produced.keys().next().value!);
      const turn: ProducedTurn = { model, thinkingBlocks };
      const blocks = out.map((r) => r.block as unknown as Json);
      const ids = out.flatMap((r) => (r.block.type === "tool_use" ? [r.block.id] : []));
      for (const id of ids) this.produced.set(`tool:${id}`, turn);
      if (ids.length === 0) this.produced.set(`text:${textKey(h, blocks)}`, turn);
    }
    return out;
  }
}

/** The request without the earlier thinking blocks the model does not see (for usage accounting). */
export function withoutUnseen(body: JsonObject, unseen: Set<string>): JsonObject {
  if (unseen.size === 0 || !Array.isArray(body.messages)) return body;
  const messages = body.messages.map((m, i) => {
    if (!isObject(m) || !Array.isArray(m.content)) return m;
    return { ...m, content: m.content.filter((_, k) => !unseen.has(`${i}.${k}`)) };
  });
  return { ...body, messages };
}
