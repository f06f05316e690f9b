// The loop's bounds, read from the environment once per request so an operator can tune them
// without a rebuild, and the one check made before every model call.
import { DEFAULT_OBSERVATION_LIMITS, type ObservationLimits } from "./observation";
import type { TokenUsage } from "./pricing";

export interface AgentLimits {
  /** Model calls per run. */
  maxSteps: number;
  maxCostUsd: number;
  /** Input (including cache reads and writes) plus output tokens per run. */
  maxTokens: number;
  /** max_tokens of one model call. */
  maxTokensPerCall: number;
  /** New runs an owner may start per minute, across all app instances. */
  runsPerMinute: number;
  observation: ObservationLimits;
}

export const DEFAULT_LIMITS: AgentLimits = {
  maxSteps: 20,
  maxCostUsd: 2,
  maxTokens: 2_000_000,
  maxTokensPerCall: 32_000,
  runsPerMinute: 10,
  observation: DEFAULT_OBSERVATION_LIMITS,
};

type Env = Record<string, string | undefined>;

/** A malformed value falls back to the default with a warning rather than disabling a limit. */
function positive(env: Env, name: string, fallback: number, integer = true): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    console.warn(
      `[agent] ignoring ${name}="${raw}": expected a positive ${integer ? "integer" : "number"}; using ${fallback}`,
    );
    return fallback;
  }
  return n;
}

export function readLimits(env: Env = process.env): AgentLimits {
  return {
    maxSteps: positive(env, "PYLOT_AGENT_MAX_STEPS", DEFAULT_LIMITS.maxSteps),
    maxCostUsd: positive(env, "PYLOT_AGENT_MAX_COST_USD", DEFAULT_LIMITS.maxCostUsd, false),
    maxTokens: positive(env, "PYLOT_AGENT_MAX_TOKENS", DEFAULT_LIMITS.maxTokens),
    maxTokensPerCall: positive(env, "PYLOT_AGENT_MAX_TOKENS_PER_CALL", DEFAULT_LIMITS.maxTokensPerCall),
    runsPerMinute: positive(env, "PYLOT_AGENT_RUNS_PER_MINUTE", DEFAULT_LIMITS.runsPerMinute),
    observation: {
      ...DEFAULT_OBSERVATION_LIMITS,
      maxTextChars: positive(env, "PYLOT_AGENT_MAX_OBSERVATION_CHARS", DEFAULT_OBSERVATION_LIMITS.maxTextChars),
    },
  };
}

export function totalTokens(u: TokenUsage): number {
  return u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens + u.outputTokens;
}

const fmt = (n: number) => n.toLocaleString("en");
const usd = (n: number) => `$${n.toFixed(2)}`;

/**
 * Why the run may not make another model call, as the message the person reads, or null.
 * `maxSteps` is the run's own (stored when it started), the budgets are the current ones.
 */
export function budgetExhausted(
  run: { stepCount: number; maxSteps: number; usage: TokenUsage; costUsd: number },
  limits: AgentLimits,
): string | null {
  const cont = "Ask a follow-up to let it continue.";
  if (run.stepCount >= run.maxSteps) {
    return `Step limit reached (${fmt(run.maxSteps)} steps): the agent stopped before giving a final answer. ${cont}`;
  }
  if (run.costUsd >= limits.maxCostUsd) {
    return `Cost limit reached: this run used ${usd(run.costUsd)} of its ${usd(limits.maxCostUsd)} budget. ${cont}`;
  }
  const tokens = totalTokens(run.usage);
  if (tokens >= limits.maxTokens) {
    return `Token limit reached: this run used ${fmt(tokens)} of its ${fmt(limits.maxTokens)} tokens. ${cont}`;
  }
  return null;
}
