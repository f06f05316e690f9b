// Token usage and what it costs. Prices come from the capability table (models/model-table.ts);
// a call is priced on its own (a model with a long-prompt tier charges the whole call at that
// tier), and a run's cost is the sum of its calls.
import { MOST_EXPENSIVE_PRICE, TABLE_DEFAULT_MODEL, MODEL_TABLE, tableSpec, type Price } from "./models/model-table";

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

/** The model a notebook uses unless it picked another: PYLOT_DEFAULT_MODEL, else the current Sonnet. */
export function defaultModel(env: Record<string, string | undefined> = process.env): string {
  return env.PYLOT_DEFAULT_MODEL?.trim() || TABLE_DEFAULT_MODEL;
}

/** Models in the capability table (the picker's offline list). */
export const KNOWN_MODELS: readonly string[] = MODEL_TABLE.map((m) => m.id);

/** The price of one call: the table's, at the long-prompt tier when the prompt is over it. */
export function callPrice(model: string, u: TokenUsage): Price {
  const spec = tableSpec(model);
  if (!spec) return MOST_EXPENSIVE_PRICE;
  const prompt = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  return spec.longPrompt && prompt > spec.longPrompt.aboveTokens ? spec.longPrompt : spec.price;
}

/** Cost in USD of one call's usage. An unknown model is priced as the dearest known one, never as free. */
export function costOf(model: string, u: TokenUsage): number {
  const p = callPrice(model, u);
  return (
    (u.inputTokens * p.input +
      u.outputTokens * p.output +
      u.cacheWriteTokens * p.cacheWrite +
      u.cacheReadTokens * p.cacheRead) /
    1_000_000
  );
}
