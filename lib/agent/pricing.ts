// The one price table (USD per million tokens) and the cost of a call's usage.
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

// Prices from platform.claude.com (models overview and pricing pages, Nov 2026). Cache writes
// (5-minute) cost 1.25× input and cache reads 0.1× input for every model listed.
const price = (input: number, output: number): ModelPrice => ({ input, output, cacheWrite: input * 1.25, cacheRead: input / 10 });

export const MODEL_PRICES: Record<string, ModelPrice> = {
  // The default. The SDK warns that it reaches end of life on 2026-11-30: pick a newer one per notebook.
  "claude-sonnet-4-5": price(3, 15),
  "claude-sonnet-4-6": price(3, 15),
  "claude-sonnet-5-5": price(2, 10),
  "claude-opus-4-5": price(5, 25),
  "claude-opus-4-6": price(5, 25),
  "claude-opus-5": price(5, 25),
  "claude-opus-5-5": price(4, 20),
  "claude-fable-5-1": price(10, 50),
  "claude-haiku-4-5": price(1, 5),
};

export const DEFAULT_MODEL = "claude-sonnet-4-5";
export const KNOWN_MODELS = Object.keys(MODEL_PRICES);

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

const MOST_EXPENSIVE = Object.values(MODEL_PRICES).reduce((a, b) => (b.output > a.output ? b : a));

/** Cost in USD. An unknown model is priced as the most expensive known one, never as free. */
export function costOf(model: string, u: TokenUsage): number {
  const p = MODEL_PRICES[model] ?? MOST_EXPENSIVE;
  return (u.inputTokens * p.input + u.outputTokens * p.output + u.cacheWriteTokens * p.cacheWrite + u.cacheReadTokens * p.cacheRead) / 1_000_000;
}

/** The table for SQL that prices a run (lib/db/agent-step-store.ts): {models: {id: price}, fallback}. */
export function priceTableJson(): string {
  return JSON.stringify({ models: MODEL_PRICES, fallback: MOST_EXPENSIVE });
}
