// Runs one task through the app's own agent loop (lib/agent runSteps, the same prompt, limits,
// observation shaping and pricing), with Python in a NodeKernel instead of the browser. It mirrors
// what the browser does (components/agent/use-agent-runner.ts): take the step's tool calls, run
// each cell, post its result, continue until the run ends.
import { newRequestContent, observationResult } from "@/lib/agent/conversation";
import type { AgentLimits } from "@/lib/agent/limits";
import { MemoryStore } from "@/lib/agent/memory-store";
import type { ModelClient } from "@/lib/agent/model-client";
import { FILE_CONTEXT_LIMITS, toContextFiles } from "@/lib/agent/file-context";
import { renderNotebookContext } from "@/lib/agent/notebook-context";
import { outputLimitsNote } from "@/lib/agent/observation";
import { shapeObservation } from "@/lib/agent/observation";
import { runSteps } from "@/lib/agent/run-step";
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
  const context = renderNotebookContext({
    cells: [],
    previousRequestAt: null,
    // The same file listing (with the head of textual files) the app gives the agent.
    files: toContextFiles(
      [...inputs].map(([path, data]) => ({
        path,
        kind: "data" as const,
        size: data.length,
        sha256: "",
        mime: mimeOf(path),
        updatedAt: "",
        head: data.subarray(0, FILE_CONTEXT_LIMITS.headBytes),
      })),
    ),
  });
  const run = store.startRun(
    newRequestContent(`${context}\n${outputLimitsNote(o.limits.observation)}`, task.prompt, []),
    { model: o.modelName, maxSteps: o.limits.maxSteps },
  );
  const model = new RecordingModel(o.model);
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
  try {
    for (;;) {
      const calls: { toolUseId: string; code: string }[] = [];
      let ended = false;
      for await (const ev of runSteps(
        { store, model, limits: o.limits, statusPollMs: 60_000 },
        run.id,
        controller.signal,
      )) {
        if (ev.type === "tool_call") calls.push({ toolUseId: ev.toolUseId, code: ev.code });
        if (ev.type === "run_end") {
          ended = true;
          finalText = ev.finalText ?? "";
        }
      }
      // Invalid tool calls are answered inside runSteps; each model call is one trace step.
      while (steps.length < model.calls.length)
        steps.push({ step: steps.length + 1, call: model.calls[steps.length]!, cells: [] });
      if (ended || calls.length === 0 || controller.signal.aborted) break;
      for (const call of calls) {
        const boots = o.kernel.boots;
        const result = await o.kernel.run(call.code, { timeoutMs: Math.min(o.cellTimeoutMs, o.taskTimeoutMs) });
        const extras: string[] = [];
        if (o.kernel.boots !== boots) {
          // The interpreter was replaced: the task's input files are put back, as an upload would be.
          await seed(o.kernel, inputs);
          extras.push("[the input files under data/ were restored after the restart]");
        }
        const shaped = shapeObservation(result.outputs, result.status, extras, o.limits.observation);
        store.addObservation(run.id, call.toolUseId, (use) => {
          const block = observationResult(
            {
              toolUseId: use.id,
              modelCode: call.code,
              ranCode: call.code,
              outputs: result.outputs,
              status: result.status,
            },
            o.limits.observation,
          );
          if (extras.length && block.content[0]?.type === "text")
            block.content[0] = { type: "text", text: `${block.content[0].text}\n${extras.join("\n")}` };
          return block;
        });
        const first = shaped.content[0];
        steps.at(-1)?.cells.push({
          code: call.code,
          status: result.status,
          durationMs: Math.round(result.durationMs),
          outputs: result.outputs,
          observation: first?.type === "text" ? first.text : "",
          images: shaped.content.filter((b) => b.type === "image").length,
        });
        if (controller.signal.aborted) break;
      }
      if (controller.signal.aborted) break;
    }
  } catch (e) {
    harnessError = e instanceof Error ? e.message : String(e);
  } finally {
    clearTimeout(timer);
  }
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
