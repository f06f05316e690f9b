// One streamed model answer, accumulated: text, thinking blocks kept exactly, tool calls whose code
// streams into an agent cell as it arrives. What the step then does with the answer (the run's next
// status, invalid calls, the end) is the step policy, in run-step.ts.
import type { Block, RedactedThinkingBlock, ThinkingBlock } from "./conversation";
import type { AgentEvent } from "./events";
import type { RawMessageStreamEvent } from "./model-client";
import { PartialCodeDecoder } from "./partial-code";
import { ZERO_USAGE, type TokenUsage } from "./pricing";
import type { RunRecord, StepStore } from "./run-store";
import { RUN_PYTHON } from "./tools/run-python";

type TextPart = { kind: "text"; text: string };
type ToolPart = {
  kind: "tool";
  id: string;
  name: string;
  json: string;
  decoder: PartialCodeDecoder;
  code: string;
  cellId: string | null;
  saved: boolean;
};
/** Kept only once complete (content_block_stop): a block cut off mid-stream has no valid signature. */
type ThinkingPart = { kind: "thinking"; block: ThinkingBlock | RedactedThinkingBlock; complete: boolean };
type Part = TextPart | ToolPart | ThinkingPart | { kind: "other" };

/** Accumulates one streamed answer; `apply` returns the events a raw event produces. */
export class Answer {
  parts: Part[] = [];
  usage: TokenUsage = ZERO_USAGE;
  stopReason: string | null = null;
  /** The answer began streaming (message_start arrived). */
  started = false;

  constructor(
    private store: StepStore,
    private run: RunRecord,
  ) {}

  async apply(ev: RawMessageStreamEvent): Promise<AgentEvent[]> {
    switch (ev.type) {
      case "message_start": {
        this.started = true;
        const u = ev.message.usage;
        this.usage = {
          inputTokens: u.input_tokens,
          outputTokens: u.output_tokens,
          cacheReadTokens: u.cache_read_input_tokens ?? 0,
          cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
        };
        return [];
      }
      case "message_delta": {
        const u = ev.usage;
        this.stopReason = ev.delta.stop_reason ?? this.stopReason;
        this.usage = {
          inputTokens: u.input_tokens ?? this.usage.inputTokens,
          outputTokens: u.output_tokens,
          cacheReadTokens: u.cache_read_input_tokens ?? this.usage.cacheReadTokens,
          cacheWriteTokens: u.cache_creation_input_tokens ?? this.usage.cacheWriteTokens,
        };
        return [];
      }
      case "content_block_start": {
        const b = ev.content_block;
        if (b.type === "text") {
          this.parts[ev.index] = { kind: "text", text: b.text };
          return b.text ? [{ type: "text_delta", text: b.text }] : [];
        }
        if (b.type === "thinking") {
          this.parts[ev.index] = {
            kind: "thinking",
            block: { type: "thinking", thinking: b.thinking, signature: b.signature },
            complete: false,
          };
          return [
            { type: "thinking_start", redacted: false },
            ...(b.thinking ? [{ type: "thinking_delta" as const, text: b.thinking }] : []),
          ];
        }
        if (b.type === "redacted_thinking") {
          this.parts[ev.index] = {
            kind: "thinking",
            block: { type: "redacted_thinking", data: b.data },
            complete: false,
          };
          return [{ type: "thinking_start", redacted: true }];
        }
        if (b.type !== "tool_use") {
          this.parts[ev.index] = { kind: "other" };
          return [];
        }
        const part: ToolPart = {
          kind: "tool",
          id: b.id,
          name: b.name,
          json: "",
          decoder: new PartialCodeDecoder(),
          code: "",
          cellId: null,
          saved: false,
        };
        this.parts[ev.index] = part;
        if (b.name !== RUN_PYTHON) return [];
        const cell = await this.store.createAgentCell(this.run, b.id);
        part.cellId = cell.cellId;
        return [{ type: "cell_started", cellId: cell.cellId, toolUseId: b.id, index: cell.index }];
      }
      case "content_block_delta": {
        const part = this.parts[ev.index];
        if (ev.delta.type === "text_delta" && part?.kind === "text") {
          part.text += ev.delta.text;
          return ev.delta.text ? [{ type: "text_delta", text: ev.delta.text }] : [];
        }
        if (ev.delta.type === "thinking_delta" && part?.kind === "thinking" && part.block.type === "thinking") {
          part.block.thinking += ev.delta.thinking;
          return ev.delta.thinking ? [{ type: "thinking_delta", text: ev.delta.thinking }] : [];
        }
        if (ev.delta.type === "signature_delta" && part?.kind === "thinking" && part.block.type === "thinking") {
          part.block.signature = ev.delta.signature;
          return [];
        }
        if (ev.delta.type === "input_json_delta" && part?.kind === "tool") {
          part.json += ev.delta.partial_json;
          const code = part.decoder.push(ev.delta.partial_json);
          part.code += code;
          return part.cellId && code ? [{ type: "code_delta", cellId: part.cellId, delta: code }] : [];
        }
        return [];
      }
      case "content_block_stop": {
        const part = this.parts[ev.index];
        if (part?.kind === "thinking") part.complete = true;
        if (part?.kind === "tool" && part.cellId) {
          const code = (this.inputOf(part) as { code?: unknown } | null)?.code;
          if (typeof code === "string") part.code = code;
          await this.store.setAgentCellCode(part.cellId, part.code);
          part.saved = true;
        }
        return [];
      }
      default:
        return [];
    }
  }

  inputOf(part: ToolPart): unknown {
    try {
      return JSON.parse(part.json || "{}");
    } catch {
      return null;
    }
  }

  /** A cell whose call was cut off keeps the code streamed so far. */
  async savePartialCode(): Promise<void> {
    for (const p of this.parts) {
      if (p?.kind === "tool" && p.cellId && !p.saved && p.code) await this.store.setAgentCellCode(p.cellId, p.code);
    }
  }

  /**
   * The assistant turn to keep, every block in the order the API sent it. A whole answer keeps its
   * thinking blocks exactly (they go back unchanged on every later request); a cut-off or refused
   * one keeps only its text, since its reasoning is incomplete and it ends the run.
   */
  content(whole: boolean): Block[] {
    const blocks: Block[] = [];
    for (const p of this.parts) {
      if (p?.kind === "thinking" && whole && p.complete) blocks.push(p.block);
      if (p?.kind === "text" && p.text.trim()) blocks.push({ type: "text", text: p.text });
      if (p?.kind === "tool" && whole)
        blocks.push({ type: "tool_use", id: p.id, name: p.name, input: this.inputOf(p) ?? {} });
    }
    return blocks;
  }

  cellOf(toolUseId: string): string | null {
    const p = this.parts.find((x) => x?.kind === "tool" && x.id === toolUseId);
    return p?.kind === "tool" ? p.cellId : null;
  }
}
