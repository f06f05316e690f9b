// What the agent routes do, once parsed and authorized: start a run, take a cell's result, stop,
// resume, list. Each streaming action returns a function that produces the step's events for a
// given AbortSignal (the request's), so the route only wraps it in an NDJSON response.
import { createRun } from "@/lib/db/agent/run-start";
import { addObservation } from "@/lib/db/agent/tool-result";
import { listNotebookRuns, prepareResume, stopRun } from "@/lib/db/agent/runs";
import { ownedStepStore } from "@/lib/db/agent/step-store";
import { AppError } from "@/lib/http/app-error";
import { abortSteps } from "./active-steps";
import { apiKeyConfigured, createAnthropicClient } from "./anthropic-client";
import {
  newRequestContent,
  observationResult,
  STOPPED_TEXT,
  textResult,
  type Block,
  type ToolResultBlock,
} from "./conversation";
import type { AgentEvent, ObservationBody, RunSummary } from "./events";
import { budgetExhausted, readLimits, type AgentLimits } from "./limits";
import type { ModelClient } from "./model-client";
import type { ObservationLimits } from "./observation";
import { renderNotebookContext } from "./notebook-context";
import { MODEL_IMAGE_TYPES, savedFilesBlocks, toContextFiles } from "./file-context";
import { filesForObservation } from "@/lib/db/files";
import { chooseRunSettings } from "./run-settings";
import { outputLimitsNote } from "./observation";
import type { Effort } from "./models/model-options";
import { toRunSummary, type RunMode, type RunRecord, type StepStore } from "./run-store";
import { buildModelRequest } from "./model-request";
import { runEnd, runSteps, startModelCall, type StepSnapshot } from "./run-step";

export type EventSource = (signal: AbortSignal) => AsyncGenerator<AgentEvent>;

/** Swappable for an evaluation harness; the app always uses the Anthropic SDK. */
let modelFactory: () => ModelClient = createAnthropicClient;
export function setModelClientFactory(factory: () => ModelClient): () => void {
  const previous = modelFactory;
  modelFactory = factory;
  return () => void (modelFactory = previous);
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
  store: StepStore,
  run: RunRecord,
  limits: AgentLimits,
  signal: AbortSignal,
  first?: StepSnapshot,
  model = modelFactory(),
): AsyncGenerator<AgentEvent> {
  try {
    yield* runSteps({ store, model, limits }, run.id, signal, first);
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

export async function startRun(
  ownerId: string,
  notebookId: string,
  body: { prompt: string; mode: RunMode; model?: string; effort?: Effort },
): Promise<EventSource> {
  requireModelKey();
  const limits = readLimits();
  const model = modelFactory();
  // The first model call is sent while the run is being written (it needs only the conversation),
  // so the insert is off the way to the first token. A refused or retried start aborts it; the
  // call that goes on is the one of the attempt that wrote the run.
  const {
    run,
    turns,
    early: call,
  } = await createRun(ownerId, notebookId, {
    prompt: body.prompt,
    mode: body.mode,
    choose: (saved, hasConversation) => chooseRunSettings(body, saved, hasConversation),
    maxSteps: limits.maxSteps,
    runsPerMinute: limits.runsPerMinute,
    userContent: (s): Block[] =>
      newRequestContent(
        `${renderNotebookContext({ cells: s.cells, previousRequestAt: s.previousRequestAt, files: toContextFiles(s.files), fileCount: s.fileCount })}\n${outputLimitsNote(limits.observation)}`,
        body.prompt,
        s.openToolUseIds,
      ),
    startEarly: (settings, conversation) => startModelCall(model, buildModelRequest(settings, conversation, limits)),
  });
  const store = ownedStepStore(ownerId);
  return async function* (signal) {
    try {
      yield { type: "run", run: toRunSummary(run) };
      yield* steps(store, run, limits, signal, { run, turns, call }, model);
    } finally {
      // Closed before the step took the call over: nothing will read it.
      call?.abort("closed");
    }
  };
}

export async function submitObservation(ownerId: string, runId: string, body: ObservationBody): Promise<EventSource> {
  requireModelKey();
  const limits = readLimits();
  const model = modelFactory();
  // Only files that really are in this run's notebook (and the owner's) are named or shown.
  const saved = body.skipped
    ? []
    : await filesForObservation(
        ownerId,
        runId,
        body.savedFiles ?? [],
        MODEL_IMAGE_TYPES,
        (limits.observation.maxImageBase64 * 3) / 4,
      );
  // The next model call is sent while the result is written, when the step will make one (the last
  // awaited result of a run with budget left; an approval-mode run goes back to running).
  const {
    run,
    remaining,
    turns,
    early: call,
  } = await addObservation(
    ownerId,
    runId,
    body.toolUseId,
    (use) =>
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
    (read, conversation) =>
      budgetExhausted(read, limits) ? undefined : startModelCall(model, buildModelRequest(read, conversation, limits)),
  );
  const store = ownedStepStore(ownerId);
  return async function* (signal) {
    try {
      yield { type: "run", run: toRunSummary(run) };
      // With several calls in one answer, the model is called once all their results are in.
      if (remaining.length === 0) yield* steps(store, run, limits, signal, { run, turns, call }, model);
    } finally {
      call?.abort("closed");
    }
  };
}

/** Appends the note naming a cell's saved output files, and their images, to its tool result. */
function withSavedFiles(
  result: ToolResultBlock,
  saved: Parameters<typeof savedFilesBlocks>[0],
  limits: ObservationLimits,
): ToolResultBlock {
  if (saved.length === 0 || typeof result.content === "string") return result;
  const content = [...result.content];
  const room = limits.maxImages - content.filter((b) => b.type === "image").length;
  const { note, images } = savedFilesBlocks(saved, Math.max(0, room), limits.maxImageBase64);
  // First, so the cell's output (whose end is usually the answer) stays last; images after the rest.
  return { ...result, content: [{ type: "text", text: note }, ...content, ...images] };
}

export async function stopAgentRun(ownerId: string, runId: string): Promise<RunSummary> {
  const run = await stopRun(ownerId, runId, (id) => textResult(id, STOPPED_TEXT, true));
  abortSteps(runId);
  return toRunSummary(run);
}

export async function resumeRun(ownerId: string, runId: string): Promise<EventSource> {
  requireModelKey();
  const limits = readLimits();
  const plan = await prepareResume(ownerId, runId);
  const store = ownedStepStore(ownerId);
  return async function* (signal) {
    yield { type: "run", run: toRunSummary(plan.run) };
    switch (plan.kind) {
      case "step":
        yield* steps(store, plan.run, limits, signal);
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
    }
  };
}

export interface RunHistory {
  runs: RunSummary[];
  messages: { id: string; runId: string | null; role: "user" | "assistant"; content: Block[]; createdAt: string }[];
}

export async function notebookRunHistory(ownerId: string, notebookId: string): Promise<RunHistory> {
  const found = await listNotebookRuns(ownerId, notebookId);
  if (!found) throw new AppError("not_found", "No such notebook.");
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
