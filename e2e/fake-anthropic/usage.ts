// Token accounting: input ≈ chars/4 of tools + system + messages, and a prompt cache that behaves
// like the real one closely enough to test cost accounting. The request is flattened into blocks
// in the API's cache order (tools → system → messages); a `cache_control` block is a breakpoint.
// A breakpoint writes its prefix (cache_creation_input_tokens); a later request whose prefix
// matches a written one reads it (cache_read_input_tokens). Like the real API, each breakpoint
// also looks back up to 20 blocks for an earlier write, so a breakpoint that moves forward as the
// conversation grows still hits what the previous request wrote.
import { createHash } from "node:crypto";
import type { Json, JsonObject } from "./types";

/** The real API charges images by pixel area; a flat cost keeps base64 size out of the count. */
export const IMAGE_TOKENS = 1600;
const LOOKBACK_BLOCKS = 20;

export interface InputUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

interface Block {
  chars: number;
  /** Identity of the block for the prefix hash (cache_control itself is not part of it). */
  key: string;
  ttl: "5m" | "1h" | null;
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export const tokensFor = (chars: number) => Math.ceil(chars / 4);

/** Characters of a value as JSON, with images counted at a flat rate and cache_control ignored. */
export function charsOf(value: Json | undefined): number {
  if (value === undefined) return 0;
  let images = 0;
  const text = JSON.stringify(value, (key, v: unknown) => {
    if (key === "cache_control") return undefined;
    if (isObject(v) && v.type === "image") {
      images++;
      return { type: "image" };
    }
    return v;
  });
  return text.length + images * IMAGE_TOKENS * 4;
}

function ttlOf(block: Json): Block["ttl"] {
  if (!isObject(block) || !isObject(block.cache_control)) return null;
  return block.cache_control.ttl === "1h" ? "1h" : "5m";
}

function toBlock(prefix: string, value: Json): Block {
  const key = JSON.stringify(value, (k, v: unknown) => (k === "cache_control" ? undefined : v));
  return { chars: charsOf(value), key: `${prefix}:${key}`, ttl: ttlOf(value) };
}

/** The request as a flat list of cacheable blocks, in the order the API builds its cache prefix. */
export function flattenRequest(body: JsonObject): Block[] {
  const blocks: Block[] = [];
  if (Array.isArray(body.tools)) for (const tool of body.tools) blocks.push(toBlock("tool", tool));
  const system = body.system;
  if (typeof system === "string") blocks.push(toBlock("system", system));
  else if (Array.isArray(system)) for (const b of system) blocks.push(toBlock("system", b));
  if (Array.isArray(body.messages)) {
    body.messages.forEach((m, i) => {
      if (!isObject(m)) return;
      const role = String(m.role);
      // The role boundary belongs to the prefix: the same text as user or assistant differs.
      blocks.push({ chars: role.length, key: `turn:${i}:${role}`, ttl: null });
      const content = m.content;
      if (Array.isArray(content)) for (const b of content) blocks.push(toBlock(role, b));
      else if (content !== undefined) blocks.push(toBlock(role, content));
    });
  }
  return blocks;
}

/** Approximate token count of a whole request (what count_tokens answers). */
export function countInputTokens(body: JsonObject): number {
  return tokensFor(flattenRequest(body).reduce((sum, b) => sum + b.chars, 0));
}

export class PromptCache {
  /** prefix hash → expiry (ms since epoch) */
  private entries = new Map<string, number>();

  constructor(private readonly minCacheableTokens = 0) {}

  clear() {
    this.entries.clear();
  }

  account(body: JsonObject, now = Date.now()): InputUsage {
    const blocks = flattenRequest(body);
    const model = typeof body.model === "string" ? body.model : "";
    const hashes: string[] = [];
    const cumulative: number[] = [];
    let hash = createHash("sha256").update(model).digest("hex");
    let chars = 0;
    for (const b of blocks) {
      hash = createHash("sha256").update(hash).update(b.key).digest("hex");
      chars += b.chars;
      hashes.push(hash);
      cumulative.push(chars);
    }
    const total = tokensFor(chars);
    const breakpoints = blocks.flatMap((b, i) => (b.ttl ? [i] : []));
    const usage: InputUsage = {
      input_tokens: total,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    };
    const last = breakpoints.at(-1);
    if (last === undefined) return usage;

    const live = (i: number) => (this.entries.get(hashes[i]!) ?? 0) > now;
    let hit = -1;
    for (const bp of breakpoints) {
      for (let j = bp; j >= Math.max(0, bp - LOOKBACK_BLOCKS); j--) {
        if (live(j)) {
          hit = Math.max(hit, j);
          break;
        }
      }
    }
    const read = hit >= 0 ? tokensFor(cumulative[hit]!) : 0;
    const lastTokens = tokensFor(cumulative[last]!);
    const created = last > hit && lastTokens >= this.minCacheableTokens ? lastTokens - read : 0;

    for (const bp of breakpoints) {
      if (tokensFor(cumulative[bp]!) < this.minCacheableTokens) continue;
      const ttlMs = blocks[bp]!.ttl === "1h" ? 3_600_000 : 300_000;
      this.entries.set(hashes[bp]!, Math.max(this.entries.get(hashes[bp]!) ?? 0, now + ttlMs));
    }
    // A read refreshes the entry's lifetime, as on the real API.
    if (hit >= 0) this.entries.set(hashes[hit]!, Math.max(this.entries.get(hashes[hit]!)!, now + 300_000));

    usage.cache_read_input_tokens = read;
    usage.cache_creation_input_tokens = created;
    usage.input_tokens = Math.max(0, total - read - created);
    if (blocks[last]!.ttl === "1h") usage.cache_creation.ephemeral_1h_input_tokens = created;
    else usage.cache_creation.ephemeral_5m_input_tokens = created;
    return usage;
  }
}

/** A replayed answer's recorded input usage, in the wire shape. */
export function recordedInput(u: {
  input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}): InputUsage {
  return {
    input_tokens: u.input_tokens,
    cache_read_input_tokens: u.cache_read_input_tokens,
    cache_creation_input_tokens: u.cache_creation_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: u.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
  };
}
