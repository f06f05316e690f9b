// The one orchestrator of agent runs, for the routes and `npm run eval` alike: start a run (the
// retries of a stale start, the first model call sent while the run is written), take a cell's
// result (with its saved files), stop, resume, list. Storage is the RunStore port (run-store.ts):
// PostgreSQL for the routes, memory for the eval. Each streaming action returns a function that
// produces the step's events for a given AbortSignal (the request's), so the route only wraps it
// in an NDJSON response.
import { AppError } from "@/lib/http/app-error";
import type { NotebookSettings } from "@/lib/notebook/cell";
import { abortSteps } from "./active-steps";
import { apiKeyConfigured, createAnthropicClient } from "./anthropic-client";
import {
  newRequestContent,
  observationResult,
  pendingToolUses,
  STOPPED_TEXT,
  withResultsFirst,
  type Block,
  type ToolResultBlock,
  type Turn,
} from "./conversation";
import type { AgentEvent, ObservationBody, RunHistory, RunSummary } from "./events";
import { MODEL_IMAGE_TYPES, savedFilesBlocks, toContextFiles } from "./file-context";
import { budgetExhausted, readLimits, type AgentLimits } from "./limits";
import type { ModelClient } from "./model-client";
import { buildModelRequest, type RequestSettings } from "./model-request";
import type { Effort } from "./models/model-options";
import { renderNotebookContext } from "./notebook-context";
import { outputLimitsNote, type ObservationLimits } from "./observation";
import { chooseRunSettings } from "./run-settings";
import { runEnd, runSteps, startModelCall, type ModelCall, type StepSnapshot } from "./run-step";
import {
  resultTurnIndex,
  RunNotFound,
  toRunSummary,
  type RunMode,
  type RunRecord,
  type RunStore,
  type SavedFile,
  type StartSnapshot,
  type StoredMessage,
} from "./run-store";
import { assertNever } from "@/lib/kernel/protocol";
import { refuseOverBudget } from "@/lib/spend/spend-refusal";

/** A stale start or result is read and tried again this many times before the person is asked to retry. */
const STALE_RETRIES = 5;

export type EventSource = (signal: AbortSignal) => AsyncGenerator<AgentEvent>;

/** What the eval sets differently from the app; the routes pass nothing. */
export interface RunOptions {
  /** The model to call (default: the Anthropic SDK, which needs ANTHROPIC_API_KEY). */
  model?: ModelClient;
  /** Default: readLimits() (the environment). */
  limits?: AgentLimits;
  /** Settings pinned for every run instead of chosen from the request and the notebook. */
  settings?: RequestSettings;
  /** How often the run's status is re-read during a model call (run-step.ts). */
  statusPollMs?: number;
}

function modelOf(o: RunOptions): ModelClient {
  if (o.model) return o.model;
  requireModelKey();
  return createAnthropicClient();
}

function requireModelKey(): void {
  if (!apiKeyConfigured()) {
    throw new AppError(
      "unavailable",
      "The agent is not available: ANTHROPIC_API_KEY is not set on the server. Set it and restart Pylot.",
    );
  }
}

/** Steps after the leading run event; a failure of our own (not the model's) ends the run cleanly. */
async function* steps(
  store: RunStore,
  run: RunRecord,
  model: ModelClient,
  limits: AgentLimits,
  o: RunOptions,
  signal: AbortSignal,
  first?: StepSnapshot,
): AsyncGenerator<AgentEvent> {
  try {
    yield* runSteps({ store, model, limits, statusPollMs: o.statusPollMs }, run.id, signal, first);
  } catch (err) {
    console.error(`[agent] run ${run.id}: step failed on the server:`, err);
    const message = "Something went wrong on the server during this step. Reload to see the run as it was saved.";
    yield { type: "error", code: "internal", message };
    try {
      yield runEnd(await store.finishRun(run.id, "failed", message));
    } catch (again) {
      console.error(`[agent] run ${run.id}: could not mark the run failed:`, again);
    }
  }
}

export interface StartBody {
  prompt: string;
  mode: RunMode;
  model?: string;
  effort?: Effort;
}

/** The run's first user turn: the notebook as it is now, the output limits, the request. */
function firstTurn(s: StartSnapshot, prompt: string, limits: AgentLimits): Block[] {
  const context = renderNotebookContext({
    cells: s.cells,
    previousRequestAt: s.previousRequestAt,
    files: toContextFiles(s.files),
    fileCount: s.fileCount,
  });
  return newRequestContent(
    `${context}\n${outputLimitsNote(limits.observation)}`,
    prompt,
    pendingToolUses(s.messages).map((u) => u.id),
  );
}

/**
 * Creates the run with its first user turn. The first model call is sent while the run is being
 * written (it needs only the conversation), so the insert is off the way to the first token; it
 * is sent only when the read says the start will probably be accepted, and a refused or retried
 * start aborts it: the call that goes on is the one of the attempt that wrote the run.
 */
export async function createRun(
  store: RunStore,
  notebookId: string,
  body: StartBody,
  model: ModelClient,
  limits: AgentLimits,
  o: RunOptions,
): Promise<StepSnapshot> {
  for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
    const snap = await store.readStart(notebookId, limits.runsPerMinute);
    if (!snap) throw new RunNotFound("notebook");
    // The daily spend caps (lib/spend), checked only for a start that will probably be accepted.
    if (snap.mayStart && store.reserveSpend)
      refuseOverBudget(await store.reserveSpend(notebookId, limits.maxCostUsd), limits.maxCostUsd);
    const saved = (snap.settings && typeof snap.settings === "object" ? snap.settings : {}) as NotebookSettings;
    const chosen = o.settings ?? chooseRunSettings(body, saved, snap.messages.length > 0);
    const content = firstTurn(snap, body.prompt, limits);
    const inserted = store.startRun(notebookId, {
      prompt: body.prompt,
      mode: body.mode,
      ...chosen,
      maxSteps: limits.maxSteps,
      runsPerMinute: limits.runsPerMinute,
      snapshot: snap,
      content,
    });
    // The insert is on its way first; the model call's request is built while it runs.
    const turns: Turn[] = [...snap.messages, { role: "user", content }];
    const call = snap.mayStart ? startModelCall(model, buildModelRequest(chosen, turns, limits)) : undefined;
    const answer = await inserted.catch((err: unknown) => {
      call?.abort("run not started");
      throw err;
    });
    if (answer.error) call?.abort("run not started");
    switch (answer.error) {
      case undefined:
        return { run: answer.run, turns: [...snap.messages, answer.message], call };
      case "stale":
        continue;
      case "not_found":
        throw new RunNotFound("notebook");
      case "run_active":
        throw new AppError(
          "run_active",
          "This notebook already has an agent run in progress. Stop it or let it finish before sending another request.",
          { runId: answer.runId },
        );
      case "rate_limited": {
        const retryAfterSeconds = Math.max(1, Math.ceil(answer.retryAfterMs / 1000));
        throw new AppError(
          "rate_limited",
          `Too many agent requests: at most ${limits.runsPerMinute} per minute. Try again in ${retryAfterSeconds} s.`,
          { retryAfterSeconds },
        );
      }
      default:
        assertNever(answer, "run start answer");
    }
  }
  throw new AppError(
    "conflict",
    "The notebook's conversation kept changing while the run was starting; send the request again.",
    { reason: "busy" },
  );
}

export async function startRun(
  store: RunStore,
  notebookId: string,
  body: StartBody,
  o: RunOptions = {},
): Promise<EventSource> {
  const model = modelOf(o);
  const limits = o.limits ?? readLimits();
  const first = await createRun(store, notebookId, body, model, limits, o);
  return async function* (signal) {
    try {
      yield { type: "run", run: toRunSummary(first.run) };
      yield* steps(store, first.run, model, limits, o, signal, first);
    } finally {
      // Closed before the step took the call over: nothing will read it.
      first.call?.abort("closed");
    }
  };
}

/** Notes the caller adds to a tool result's first text block (the eval: files restored after a restart). */
export interface ObservationOptions extends RunOptions {
  notes?: string[];
}

/**
 * Records the browser's result for one pending tool call, read and written in two round trips
 * with a stale check (read again on 'stale'). When it is the last awaited result of a run with
 * budget left, the next model call is sent while the result is written.
 */
export async function recordResult(
  store: RunStore,
  runId: string,
  body: ObservationBody,
  saved: SavedFile[],
  model: ModelClient,
  limits: AgentLimits,
  notes: readonly string[],
): Promise<{ run: RunRecord; remaining: number; turns: StoredMessage[]; call?: ModelCall }> {
  for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
    const snap = await store.readObserve(runId);
    if (!snap) throw new RunNotFound();
    const { run, messages } = snap;
    if (run.status !== "running" && run.status !== "awaiting_approval") {
      throw new AppError(
        "conflict",
        `This run is ${run.status.replace("_", " ")}, so it is not waiting for a cell's result.`,
        { reason: "run_not_active", runStatus: run.status },
      );
    }
    const pending = pendingToolUses(messages);
    const use = pending.find((u) => u.id === body.toolUseId);
    if (!use) {
      const why = pending.length
        ? `it is waiting for the result of tool call ${pending.map((u) => u.id).join(", ")}, not ${body.toolUseId}`
        : "it is not waiting for any cell's result";
      throw new AppError("conflict", `This result does not fit the run: ${why}.`, { reason: "not_pending" });
    }
    const block = withNotes(
      withSavedFiles(
        observationResult(
          {
            toolUseId: use.id,
            modelCode: String((use.input as { code?: unknown } | null)?.code ?? ""),
            ranCode: body.code,
            outputs: body.outputs,
            status: body.status,
            skipped: body.skipped,
          },
          limits.observation,
        ),
        saved,
        limits.observation,
      ),
      notes,
    );
    const remaining = pending.length - 1;
    const afterIndex = resultTurnIndex(messages);
    const content = afterIndex >= 0 ? withResultsFirst([...messages[afterIndex]!.content, block]) : [block];
    const written = store.writeToolResult(runId, snap, { afterIndex, content, resume: remaining === 0 });
    // With several calls in one answer, the model is called once all their results are in.
    const nextTurns = (): Turn[] =>
      afterIndex >= 0
        ? messages.map((m, i) => (i === afterIndex ? { role: m.role, content } : m))
        : [...messages, { role: "user", content }];
    const call =
      remaining === 0 && !budgetExhausted(run, limits)
        ? startModelCall(model, buildModelRequest(run, nextTurns(), limits))
        : undefined;
    const answer = await written.catch((err: unknown) => {
      call?.abort("result not recorded");
      throw err;
    });
    if (answer.error) call?.abort("result not recorded");
    if (answer.error === "stale") continue;
    if (answer.error) throw new RunNotFound();
    const turns =
      afterIndex >= 0 ? messages.map((m, i) => (i === afterIndex ? answer.message : m)) : [...messages, answer.message];
    return { run: answer.run, remaining, turns, call };
  }
  throw new AppError("conflict", "The run kept changing while this result was being recorded; send it again.", {
    reason: "busy",
  });
}

export async function submitObservation(
  store: RunStore,
  runId: string,
  body: ObservationBody,
  o: ObservationOptions = {},
): Promise<EventSource> {
  const model = modelOf(o);
  const limits = o.limits ?? readLimits();
  // Only files that really are in this run's notebook (and the owner's) are named or shown.
  const saved = body.skipped
    ? []
    : await store.savedFiles(
        runId,
        body.savedFiles ?? [],
        MODEL_IMAGE_TYPES,
        (limits.observation.maxImageBase64 * 3) / 4,
      );
  const { run, remaining, turns, call } = await recordResult(store, runId, body, saved, model, limits, o.notes ?? []);
  return async function* (signal) {
    try {
      yield { type: "run", run: toRunSummary(run) };
      if (remaining === 0) yield* steps(store, run, model, limits, o, signal, { run, turns, call });
    } finally {
      call?.abort("closed");
    }
  };
}

/** Appends the note naming a cell's saved output files, and their images, to its tool result. */
function withSavedFiles(result: ToolResultBlock, saved: SavedFile[], limits: ObservationLimits): ToolResultBlock {
  if (saved.length === 0 || typeof result.content === "string") return result;
  const content = [...result.content];
  const room = limits.maxImages - content.filter((b) => b.type === "image").length;
  const { note, images } = savedFilesBlocks(saved, Math.max(0, room), limits.maxImageBase64);
  // First, so the cell's output (whose end is usually the answer) stays last; images after the rest.
  return { ...result, content: [{ type: "text", text: note }, ...content, ...images] };
}

function withNotes(result: ToolResultBlock, notes: readonly string[]): ToolResultBlock {
  const first = typeof result.content === "string" ? null : result.content[0];
  if (notes.length === 0 || first?.type !== "text") return result;
  const content = [...(result.content as Exclude<ToolResultBlock["content"], string>)];
  content[0] = { type: "text", text: `${first.text}\n${notes.join("\n")}` };
  return { ...result, content };
}

export async function stopAgentRun(store: RunStore, runId: string): Promise<RunSummary> {
  const run = await store.stopRun(runId, {
    type: "tool_result",
    content: [{ type: "text", text: STOPPED_TEXT }],
    is_error: true,
  });
  abortSteps(runId);
  return toRunSummary(run);
}

export async function resumeRun(store: RunStore, runId: string, o: RunOptions = {}): Promise<EventSource> {
  const model = modelOf(o);
  const limits = o.limits ?? readLimits();
  const plan = await store.prepareResume(runId);
  if (plan.kind === "finished")
    throw new AppError("conflict", `This run has already ended (${plan.run.status}); send a new request instead.`, {
      reason: "run_ended",
      runStatus: plan.run.status,
    });
  if (plan.kind === "not_latest")
    throw new AppError("conflict", "A newer run has started in this notebook, so this one cannot be resumed.", {
      reason: "not_latest",
    });
  return async function* (signal) {
    yield { type: "run", run: toRunSummary(plan.run) };
    switch (plan.kind) {
      case "step":
        yield* steps(store, plan.run, model, limits, o, signal);
        return;
      case "tool_calls":
        for (const call of plan.calls) {
          if (call.recreated)
            yield { type: "cell_started", cellId: call.cellId, toolUseId: call.toolUseId, index: call.index };
          yield { type: "tool_call", cellId: call.cellId, toolUseId: call.toolUseId, code: call.code };
        }
        return;
      case "ended":
        yield runEnd(plan.run, plan.finalText);
        return;
      default:
        assertNever(plan, "resume plan");
    }
  };
}

export async function notebookRunHistory(store: RunStore, notebookId: string): Promise<RunHistory> {
  const found = await store.history(notebookId);
  if (!found) throw new RunNotFound("notebook");
  return {
    runs: found.runs.map(toRunSummary),
    messages: found.messages.map((m) => ({
      id: m.id,
      runId: m.runId,
      role: m.role,
      content: m.content,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
