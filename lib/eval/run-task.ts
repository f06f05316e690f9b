// Runs one task through the app's own agent path: the orchestrator the routes call
// (lib/agent/run-service.ts: the same start, prompt, limits, observation shaping and pricing) on
// an in-memory run store, driven by the same client driver as the browser (lib/client/
// agent-driver.ts), with Python in a NodeKernel instead of the browser.
import type { ObservationBody } from "@/lib/agent/events";
import type { AgentLimits } from "@/lib/agent/limits";
import { MemoryStore } from "@/lib/agent/memory-store";
import type { ModelClient } from "@/lib/agent/model-client";
import { shapeObservation } from "@/lib/agent/observation";
import { CURRENT_PROMPT_VERSION } from "@/lib/agent/prompts/registry";
import { startRun, submitObservation, type RunOptions } from "@/lib/agent/run-service";
import { driveRun } from "@/lib/client/agent-driver";
import type { NodeKernel } from "@/lib/kernel/node/node-kernel";
import { runChecker } from "./checker";
import { mimeOf } from "./mime";
import { RecordingModel } from "./recording-model";
import type { EvalTask } from "./task";
import type { TaskResult, TaskTrace, TraceStep } from "./trace";

export interface RunTaskOptions {
  kernel: NodeKernel;
  kernelMs: number;
  kernelMode: "fresh" | "reuse";
  model: ModelClient;
  modelName: string;
  policy: string;
  limits: AgentLimits;
  /** The whole task (model calls and cells). */
  taskTimeoutMs: number;
  /** One cell; an interrupted cell is reported to the model, which may try again. */
  cellTimeoutMs: number;
}

const FLUSH_OPEN_FILES = `exec("import gc, io\\nfor o in gc.get_objects():\\n    if isinstance(o, io.IOBase) and not o.closed:\\n        try:\\n            o.flush()\\n        except Exception:\\n            pass", {})`;

async function seed(kernel: NodeKernel, files: Map<string, Uint8Array>) {
  for (const [path, data] of files) await kernel.writeFile(path, data);
}

export async function runTask(task: EvalTask, o: RunTaskOptions): Promise<TaskTrace> {
  const t0 = performance.now() - o.kernelMs;
  const inputs = task.files();
  await seed(o.kernel, inputs);
  const store = new MemoryStore();
  // The task's inputs are the notebook's files: the app's file listing (with the head of textual
  // files) is what the agent sees.
  for (const [path, data] of inputs)
    store.files.set(path, {
      path,
      kind: "data",
      size: data.length,
      sha256: "",
      mime: mimeOf(path),
      updatedAt: "",
      bytes: data,
    });
  const model = new RecordingModel(o.model);
  const options: RunOptions = {
    model,
    limits: o.limits,
    // Pinned: the eval may name a model outside the capability table (priced as the dearest).
    settings: { model: o.modelName, effort: null, promptVersion: CURRENT_PROMPT_VERSION },
    statusPollMs: 60_000,
  };
  const steps: TraceStep[] = [];
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort("timeout");
    void o.kernel.interrupt();
  }, o.taskTimeoutMs);
  let finalText = "";
  let harnessError: string | null = null;
  // Notes for the result being posted (the interpreter was replaced while the cell ran).
  let notes: string[] = [];
  // Each model call is one trace step; invalid tool calls are answered inside the step driver.
  const syncSteps = () => {
    while (steps.length < model.calls.length)
      steps.push({ step: steps.length + 1, call: model.calls[steps.length]!, cells: [] });
  };
  try {
    const first = await startRun(store, store.notebookId, { prompt: task.prompt, mode: "auto" }, options);
    const end = await driveRun(first(controller.signal), {
      runCall: async (call): Promise<ObservationBody | null> => {
        syncSteps();
        if (controller.signal.aborted) return null;
        const boots = o.kernel.boots;
        const result = await o.kernel.run(call.code, { timeoutMs: Math.min(o.cellTimeoutMs, o.taskTimeoutMs) });
        notes = [];
        if (o.kernel.boots !== boots) {
          // The interpreter was replaced: the task's input files are put back, as an upload would be.
          await seed(o.kernel, inputs);
          notes.push("[the input files under data/ were restored after the restart]");
        }
        const shaped = shapeObservation(result.outputs, result.status, notes, o.limits.observation);
        const text = shaped.content[0];
        steps.at(-1)?.cells.push({
          code: call.code,
          status: result.status,
          durationMs: Math.round(result.durationMs),
          outputs: result.outputs,
          observation: text?.type === "text" ? text.text : "",
          images: shaped.content.filter((b) => b.type === "image").length,
        });
        if (controller.signal.aborted) return null;
        return {
          toolUseId: call.toolUseId,
          cellId: call.cellId,
          code: call.code,
          outputs: result.outputs,
          status: result.status,
        };
      },
      observe: async (runId, body) =>
        (await submitObservation(store, runId, body, { ...options, notes }))(controller.signal),
    });
    if (end.kind === "ended") finalText = end.end.finalText ?? "";
  } catch (e) {
    harnessError = e instanceof Error ? e.message : String(e);
  } finally {
    clearTimeout(timer);
    syncSteps();
  }
  const run = [...store.runs.values()][0];
  if (!run) throw new Error(harnessError ?? "the run did not start");
  let after = (await store.getRun(run.id))!;
  if (after.status !== "completed" && after.status !== "failed" && after.status !== "stopped") {
    const why = timedOut
      ? `Task time limit reached (${Math.round(o.taskTimeoutMs / 1000)} s).`
      : (harnessError ?? "The run ended without a final answer.");
    after = await store.finishRun(run.id, "stopped", why);
  }

  // Like a notebook kernel shutting down: files the code left open are flushed before grading.
  await o.kernel.run(FLUSH_OPEN_FILES, { timeoutMs: 10_000 }).catch(() => undefined);
  const files = await o.kernel.listFiles("output");
  const outputs = new Map<string, Uint8Array>();
  for (const f of files) outputs.set(f.path, await o.kernel.readFile(f.path));
  // A model call that failed (API down, rate limit after retries) is not the agent's answer: it is
  // reported as an error, apart from the checker's failures.
  const apiFailure = after.status === "failed" && model.calls.at(-1)?.error ? after.error : null;
  const graded = harnessError
    ? { outcome: "error" as const, reason: `harness error: ${harnessError}` }
    : apiFailure
      ? { outcome: "error" as const, reason: `model call failed: ${apiFailure}` }
      : await runChecker(task, { finalText, outputs, inputs }, o.kernel);

  const result: TaskResult = {
    id: task.id,
    category: task.category,
    packages: task.packages,
    outcome: graded.outcome,
    reason: graded.reason,
    runStatus: after.status,
    runError: after.error,
    steps: after.stepCount,
    usage: after.usage,
    costUsd: after.costUsd,
    wallMs: Math.round(performance.now() - t0),
    kernelMs: Math.round(o.kernelMs),
    kernelMode: o.kernelMode,
    finalText,
    outputFiles: files,
  };
  return { version: 1, id: task.id, prompt: task.prompt, model: o.modelName, policy: o.policy, steps, result };
}
