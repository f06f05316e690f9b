// The step driver: one model call of a run, streamed to the browser as AgentEvents while it is
// persisted (agent cells as the code arrives, the assistant turn and usage when it is complete).
// A step ends with tool calls for the browser to run, or with the run's end. This file is the step
// policy (the run's next status, invalid calls, failures); the answer's accumulation is answer.ts.
import type { AgentEvent } from "./events";
import { trackStep } from "./active-steps";
import { pendingToolUses, textOf, textResult, type ToolUseBlock } from "./conversation";
import { budgetExhausted, type AgentLimits } from "./limits";
import type { ModelClient, ModelRequest, RawMessageStreamEvent } from "./model-client";
import { describeModelError, isAbortError } from "./model-errors";
import { buildModelRequest } from "./model-request";
import { Answer } from "./answer";
import { costOf } from "./pricing";
import { FINISHED_STATUSES, toRunSummary, type RunRecord, type StepStore, type StoredMessage } from "./run-store";
import { RUN_PYTHON, runPythonInputSchema } from "./tools/run-python";

export interface StepDeps {
  store: StepStore;
  model: ModelClient;
  limits: AgentLimits;
  /** How often the run's status is re-read during a model call, to notice a stop made elsewhere. */
  statusPollMs?: number;
}

export function runEnd(run: RunRecord, finalText: string | null = null): AgentEvent {
  return { type: "run_end", run: toRunSummary(run), finalText };
}

/** The run and its conversation as the caller just wrote them: the first step need not read them again. */
export interface StepSnapshot {
  run: RunRecord;
  turns: StoredMessage[];
  /** The step's model call, when the caller already started it (overlapping the run's insert). */
  call?: ModelCall;
}

/** A model call under way: its events, and the controller that ends it. */
export interface ModelCall {
  controller: AbortController;
  events: AsyncIterator<RawMessageStreamEvent>;
  abort(reason?: unknown): void;
}

/**
 * Sends the request at once (the upstream connection opens now, not at the first read). An error
 * that arrives before anyone reads is kept for the first read, never left unhandled.
 */
export function startModelCall(model: ModelClient, request: ModelRequest): ModelCall {
  const controller = new AbortController();
  const iterator = model.stream(request, controller.signal)[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<RawMessageStreamEvent>> | null = iterator.next();
  first.catch(() => undefined);
  const events: AsyncIterator<RawMessageStreamEvent> = {
    next() {
      const pending = first ?? iterator.next();
      first = null;
      return pending;
    },
    return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined }),
  };
  return { controller, events, abort: (reason) => controller.abort(reason) };
}

/** Steps until the browser has something to do (run a cell) or the run ends. */
export async function* runSteps(
  deps: StepDeps,
  runId: string,
  signal: AbortSignal,
  first?: StepSnapshot,
): AsyncGenerator<AgentEvent> {
  let snapshot = first;
  while ((yield* runStep(deps, runId, signal, snapshot)) === "again") snapshot = undefined;
}

function invalidReason(use: ToolUseBlock): string | null {
  if (use.name !== RUN_PYTHON) return `Unknown tool "${use.name}": the only tool is ${RUN_PYTHON}.`;
  const parsed = runPythonInputSchema.safeParse(use.input);
  if (parsed.success) return null;
  return `Invalid ${RUN_PYTHON} input: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}. Send {"code": "<python source>"}.`;
}

async function* runStep(
  deps: StepDeps,
  runId: string,
  signal: AbortSignal,
  snapshot?: StepSnapshot,
): AsyncGenerator<AgentEvent, "again" | "done"> {
  const { store, limits, model } = deps;
  const run = snapshot?.run ?? (await store.getRun(runId));
  // A call started early is only used once every check below has passed; otherwise it is ended.
  const unused = () => snapshot?.call?.controller.abort("not needed");
  if (!run) return "done";
  if (run.status !== "running") {
    unused();
    if (FINISHED_STATUSES.includes(run.status)) yield runEnd(run);
    return "done";
  }
  const exhausted = budgetExhausted(run, limits);
  if (exhausted) {
    unused();
    yield runEnd(await store.finishRun(runId, "stopped", exhausted));
    return "done";
  }
  const turns = snapshot?.turns ?? (await store.messages(run.notebookId));
  const last = turns.at(-1);
  if (last?.role !== "user" || pendingToolUses(turns).length > 0) {
    unused();
    throw new Error(`run ${runId}: the conversation does not end with a turn for the model`);
  }
  const step = run.stepCount + 1;
  yield { type: "step_start", step };

  const { controller, events: iterator } =
    snapshot?.call ?? startModelCall(model, buildModelRequest(run, turns, limits));
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  signal.addEventListener("abort", forward, { once: true });
  const untrack = trackStep(runId, controller);
  const answer = new Answer(store, run);
  let failure: unknown = null;
  let finished = false;
  try {
    let polled = Date.now();
    for (;;) {
      let next: IteratorResult<RawMessageStreamEvent>;
      try {
        next = await iterator.next();
      } catch (err) {
        failure = err;
        break;
      }
      if (next.done) {
        finished = true;
        break;
      }
      // Store errors are not model errors: they propagate to the caller's internal-error handling.
      for (const event of await answer.apply(next.value)) yield event;
      if (Date.now() - polled >= (deps.statusPollMs ?? 1000)) {
        polled = Date.now();
        if ((await store.runStatus(runId)) !== "running") controller.abort("stopped");
      }
    }
  } finally {
    untrack();
    signal.removeEventListener("abort", forward);
    // Left early (a store error, or the consumer closed this generator): end the upstream call.
    if (!finished && failure === null) {
      controller.abort("closed");
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    }
  }

  if (failure !== null) {
    await answer.savePartialCode();
    const base = {
      usage: answer.usage,
      costUsd: costOf(run.model, answer.usage),
      afterMessageId: last.id,
      assistant: null,
    };
    if (controller.signal.aborted || isAbortError(failure)) {
      // The person stopped the run, or their browser went away: nothing of this answer is kept, so
      // the conversation still ends with their turn and the run can resume from it.
      const { run: after } = await store.endStep(runId, { ...base, status: "interrupted", error: null });
      if (after.status !== "interrupted") yield runEnd(after);
      return "done";
    }
    const message = describeModelError(failure, model.maxRetries, run.model, answer.started);
    console.error(`[agent] run ${runId} step ${step}: model call failed: ${message}`, failure);
    const { run: after } = await store.endStep(runId, { ...base, status: "failed", error: message });
    yield { type: "usage", step, usage: after.usage, costUsd: after.costUsd };
    yield runEnd(after);
    return "done";
  }

  const truncated = answer.stopReason === "max_tokens";
  const refused = answer.stopReason === "refusal";
  const content = answer.content(!truncated && !refused);
  const uses = content.filter((b): b is ToolUseBlock => b.type === "tool_use");
  const invalid = uses.map((u) => ({ use: u, why: invalidReason(u) })).filter((x) => x.why !== null);
  const valid = uses.filter((u) => invalidReason(u) === null);
  const status =
    truncated || refused
      ? "failed"
      : valid.length
        ? run.mode === "approve"
          ? "awaiting_approval"
          : "running"
        : uses.length
          ? "running"
          : "completed";
  const error = truncated
    ? `Claude's reply reached the limit of ${limits.maxTokensPerCall.toLocaleString("en")} tokens for one answer and was cut off.`
    : refused
      ? "Claude declined to continue with this request."
      : null;
  const { run: after, persisted } = await store.endStep(runId, {
    usage: answer.usage,
    costUsd: costOf(run.model, answer.usage),
    afterMessageId: last.id,
    assistant: content.length ? content : null,
    status,
    error,
  });
  if (!persisted) {
    if (FINISHED_STATUSES.includes(after.status)) yield runEnd(after);
    else
      yield {
        type: "error",
        code: "conflict",
        message: "This run was continued from another tab or window; reload to see it.",
      };
    return "done";
  }
  if (invalid.length)
    await store.appendToolResults(
      runId,
      invalid.map((x) => textResult(x.use.id, x.why!, true)),
    );
  for (const use of valid) {
    const cellId = answer.cellOf(use.id);
    if (cellId) yield { type: "tool_call", cellId, toolUseId: use.id, code: (use.input as { code: string }).code };
  }
  yield { type: "usage", step, usage: after.usage, costUsd: after.costUsd };
  if (FINISHED_STATUSES.includes(after.status)) {
    yield runEnd(after, textOf(content) || null);
    return "done";
  }
  return valid.length === 0 && invalid.length > 0 ? "again" : "done";
}
