// Scenarios that play a "model" for the evaluation harness (npm run eval), found by the task's
// prompt in the first user turn, so prompts carry no marker:
// - reference: answers with the task's reference solution as one run_python call, then a final
//   answer that repeats the last line the solution printed (what checkers read);
// - replay: plays a recorded run's answers back, step by step, with their recorded usage.
import { isHumanTurn, textOf } from "./request-view";
import { callPython, finalText, httpError } from "./script-helpers";
import type { JsonObject, RecordedUsage, Scenario, ScenarioContext, ScriptedBlock, StopReason } from "./types";

export const REFERENCE_SCENARIO = "eval-reference";
export const REPLAY_SCENARIO = "eval-replay";

function firstHumanText(ctx: ScenarioContext): string {
  const first = ctx.messages.find(isHumanTurn);
  return first ? textOf(first) : "";
}

/** The longest prompt contained in the first human turn (a prompt may be a prefix of another). */
function findByPrompt<T extends { prompt: string }>(items: readonly T[], ctx: ScenarioContext): T | null {
  const text = firstHumanText(ctx);
  let best: T | null = null;
  for (const item of items)
    if (text.includes(item.prompt) && (!best || item.prompt.length > best.prompt.length)) best = item;
  return best;
}

const unknownTask = () => httpError(400, "invalid_request_error", "fake-anthropic eval: no task matches this prompt");

export function referenceScenario(tasks: readonly { prompt: string; reference?: string }[]): Scenario {
  return (ctx) => {
    const task = findByPrompt(tasks, ctx);
    if (!task) return unknownTask();
    if (!task.reference) return finalText("This task has no reference solution.");
    if (ctx.stepInTurn === 0) return callPython(task.reference, "I will solve this with the reference solution.");
    const result = ctx.lastToolResult;
    if (!result || result.isError) return finalText(`The reference solution failed:\n${result?.text ?? "no result"}`);
    const lines = result.text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    return finalText(`Final answer: ${lines.at(-1) ?? "(nothing printed)"}`);
  };
}

export interface ReplayStep {
  content: (
    | { type: "text"; text: string }
    | { type: "tool_use"; name: string; input: Record<string, unknown> }
    // A recorded thinking model's blocks: replayed as thinking (sent only when thinking is on).
    | { type: "thinking"; thinking: string }
    | { type: "redacted_thinking"; data?: string }
  )[];
  stopReason: string | null;
  usage?: RecordedUsage;
  error?: string | null;
}

export function replayScenario(traces: readonly { prompt: string; steps: readonly ReplayStep[] }[]): Scenario {
  return (ctx) => {
    const trace = findByPrompt(traces, ctx);
    if (!trace) return unknownTask();
    const step = trace.steps[ctx.stepInTurn];
    if (!step)
      return httpError(
        400,
        "invalid_request_error",
        `fake-anthropic replay: the trace has only ${trace.steps.length} step(s)`,
      );
    if (step.error) return httpError(500, "api_error", `replayed failure: ${step.error}`, { shouldRetry: false });
    const content: ScriptedBlock[] = step.content.map((b): ScriptedBlock => {
      switch (b.type) {
        case "text":
          return { type: "text", text: b.text };
        case "thinking":
          return { type: "thinking", thinking: b.thinking };
        case "redacted_thinking":
          return { type: "thinking", thinking: "(redacted thinking)" };
        default:
          return { type: "tool_use", name: b.name, input: b.input as JsonObject };
      }
    });
    if (content.length === 0) content.push({ type: "text", text: "(empty answer)" });
    return { kind: "reply", content, stopReason: (step.stopReason ?? "end_turn") as StopReason, usage: step.usage };
  };
}
