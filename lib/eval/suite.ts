// Runs tasks with a fixed number of kernels in parallel. Each slot owns one NodeKernel: in
// "fresh" mode it is replaced before every task (a new interpreter, the default); in
// "reuse" mode it is reset (namespace, working directory, counters), which is much faster and is
// what CI uses. Either way a kernel that died is replaced.
import type { AgentLimits } from "@/lib/agent/limits";
import type { ModelClient } from "@/lib/agent/model-client";
import { NodeKernel } from "@/lib/kernel/node/node-kernel";
import { ZERO_USAGE } from "@/lib/agent/pricing";
import { checkPackages } from "./packages";
import { runTask } from "./run-task";
import type { EvalTask } from "./task";
import type { TaskResult, TaskTrace } from "./trace";

export interface SuiteOptions {
  root: string;
  concurrency: number;
  kernelMode: "fresh" | "reuse";
  model: ModelClient;
  modelName: string;
  policy: string;
  limits: AgentLimits;
  taskTimeoutMs: number;
  cellTimeoutMs: number;
  packageIndex: string | null;
  /** Total spend after which the remaining tasks are skipped (null: no cap). */
  runBudgetUsd?: number | null;
  onTrace?: (trace: TaskTrace) => void | Promise<void>;
}

function unrun(
  task: EvalTask,
  outcome: "skipped" | "error",
  reason: string,
  o: Pick<SuiteOptions, "kernelMode" | "modelName" | "policy">,
): TaskTrace {
  const result: TaskResult = {
    id: task.id,
    category: task.category,
    packages: task.packages,
    outcome,
    reason,
    runStatus: "not run",
    runError: null,
    steps: 0,
    usage: ZERO_USAGE,
    costUsd: 0,
    wallMs: 0,
    kernelMs: 0,
    kernelMode: o.kernelMode,
    finalText: "",
    outputFiles: [],
  };
  return { version: 1, id: task.id, prompt: task.prompt, model: o.modelName, policy: o.policy, steps: [], result };
}

export async function runSuite(tasks: readonly EvalTask[], o: SuiteOptions): Promise<TaskTrace[]> {
  const traces: TaskTrace[] = new Array(tasks.length);
  let next = 0;
  let spent = 0;
  const checks = await Promise.all(tasks.map((t) => checkPackages(o.root, t.packages, o.packageIndex)));
  const loadPackages = tasks.some((t, i) => t.packages.length > 0 && checks[i]!.ok);

  const boot = () => NodeKernel.start({ loadPackages, packageBaseUrl: o.packageIndex });

  async function slot() {
    let kernel: NodeKernel | null = null;
    // Fresh mode boots the next task's interpreter while this task runs (mostly waiting for the
    // model), so a new interpreter per task costs little wall time.
    let spare: Promise<NodeKernel> | null = null;
    const takeSpare = async () => {
      const k = spare ?? boot();
      spare = null;
      return k;
    };
    const prewarm = () => {
      if (o.kernelMode !== "fresh" || next >= tasks.length || spare) return;
      spare = boot();
      spare.catch(() => undefined); // a failed spare is reported when it is taken
    };
    try {
      for (let i = next++; i < tasks.length; i = next++) {
        const task = tasks[i]!;
        let trace: TaskTrace;
        if (o.runBudgetUsd != null && spent >= o.runBudgetUsd) {
          trace = unrun(
            task,
            "skipped",
            `run budget exhausted: $${spent.toFixed(2)} of $${o.runBudgetUsd.toFixed(2)} spent before this task started`,
            o,
          );
        } else if (!checks[i]!.ok) {
          trace = unrun(task, "skipped", checks[i]!.reason, o);
        } else {
          try {
            const t0 = performance.now();
            if (kernel && (o.kernelMode === "fresh" || kernel.status().state === "dead")) {
              kernel.dispose();
              kernel = null;
            }
            if (kernel) await kernel.reset();
            else kernel = await (o.kernelMode === "fresh" ? takeSpare() : boot());
            const kernelMs = performance.now() - t0;
            prewarm();
            trace = await runTask(task, { ...o, kernel, kernelMs });
          } catch (e) {
            trace = unrun(task, "error", `harness error: ${e instanceof Error ? e.message : String(e)}`, o);
            kernel?.dispose();
            kernel = null;
          }
        }
        spent += trace.result.costUsd;
        traces[i] = trace;
        await o.onTrace?.(trace);
      }
    } finally {
      kernel?.dispose();
      if (spare)
        void (spare as Promise<NodeKernel>).then(
          (k) => k.dispose(),
          () => undefined,
        );
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, tasks.length)) }, slot));
  return traces;
}
