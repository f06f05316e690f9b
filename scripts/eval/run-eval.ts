// One evaluation run: pick the policy, run the tasks, compare replays with their recordings, and
// write results.json, report.md and one trace per task into the output directory.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_LIMITS, type AgentLimits } from "@/lib/agent/limits";
import { compareReports, renderComparison, type Comparison } from "@/lib/eval/compare";
import { buildReport, renderMarkdown, type Report } from "@/lib/eval/report";
import { runSuite } from "@/lib/eval/suite";
import type { EvalTask } from "@/lib/eval/task";
import type { TaskTrace } from "@/lib/eval/trace";
import { openPolicy, type PolicyName } from "./policy";

export interface EvalOptions {
  root: string;
  tasks: readonly EvalTask[];
  policy: PolicyName;
  replayDir: string | null;
  model: string;
  concurrency: number;
  kernelMode: "fresh" | "reuse";
  maxSteps: number;
  budgetUsd: number;
  /** Stop starting tasks once the run has cost this much (null: no cap). */
  runBudgetUsd?: number | null;
  taskTimeoutMs: number;
  cellTimeoutMs: number;
  packageIndex: string | null;
  outDir: string | null;
  /** A previous run's results directory (or results.json) to compare with. */
  baselineDir?: string | null;
  command: string;
  /** One line per finished task (the CLI prints them). */
  log?: (line: string) => void;
}

/** Which cell's output first differs from the recording (1-based step), or null. */
export function divergence(recorded: TaskTrace, now: TaskTrace): number | null {
  const n = Math.max(recorded.steps.length, now.steps.length);
  for (let i = 0; i < n; i++) {
    const a = recorded.steps[i]?.cells.map((c) => c.observation) ?? [];
    const b = now.steps[i]?.cells.map((c) => c.observation) ?? [];
    if (JSON.stringify(a) !== JSON.stringify(b)) return i + 1;
  }
  return null;
}

export async function readReport(dirOrFile: string): Promise<Report> {
  const file = dirOrFile.endsWith(".json") ? dirOrFile : join(dirOrFile, "results.json");
  const text = await readFile(file, "utf8").catch(() => {
    throw new Error(`no results.json at ${file}`);
  });
  return JSON.parse(text) as Report;
}

export async function runEval(
  o: EvalOptions,
): Promise<{ report: Report; traces: TaskTrace[]; outDir: string | null; comparison: Comparison | null }> {
  const baseline = o.baselineDir ? await readReport(o.baselineDir) : null;
  const started = new Date();
  const t0 = performance.now();
  const limits: AgentLimits = { ...DEFAULT_LIMITS, maxSteps: o.maxSteps, maxCostUsd: o.budgetUsd };
  const policy = await openPolicy(o.policy, o.tasks, o.replayDir);
  const tracesDir = o.outDir ? join(o.outDir, "traces") : null;
  if (tracesDir) await mkdir(tracesDir, { recursive: true });
  let traces: TaskTrace[];
  try {
    const tasks = o.policy === "replay" ? o.tasks.filter((t) => policy.recorded.has(t.id)) : o.tasks;
    if (tasks.length === 0) throw new Error("no selected task has a recorded trace to replay");
    traces = await runSuite(tasks, {
      root: o.root,
      concurrency: o.concurrency,
      kernelMode: o.kernelMode,
      model: policy.model,
      modelName: o.model,
      policy: o.policy,
      limits,
      taskTimeoutMs: o.taskTimeoutMs,
      cellTimeoutMs: o.cellTimeoutMs,
      packageIndex: o.packageIndex,
      runBudgetUsd: o.runBudgetUsd ?? null,
      onTrace: async (trace) => {
        const recorded = policy.recorded.get(trace.id);
        if (recorded) trace.result.replayDivergedAtStep = divergence(recorded, trace);
        const r = trace.result;
        const diverged = r.replayDivergedAtStep ? ` (replay diverged at step ${r.replayDivergedAtStep})` : "";
        o.log?.(
          `${r.outcome.toUpperCase().padEnd(8)} ${r.id.padEnd(32)} ${String(r.steps).padStart(2)} steps ${(r.wallMs / 1000).toFixed(1).padStart(6)} s  $${r.costUsd.toFixed(4)}  ${r.reason.slice(0, 100)}${diverged}`,
        );
        if (tracesDir) await writeFile(join(tracesDir, `${trace.id}.json`), `${JSON.stringify(trace, null, 1)}\n`);
      },
    });
  } finally {
    await policy.close();
  }
  const report = buildReport(
    {
      policy: o.policy === "replay" ? `replay (${o.replayDir})` : o.policy,
      model: o.model,
      startedAt: started.toISOString(),
      wallMs: Math.round(performance.now() - t0),
      concurrency: o.concurrency,
      kernelMode: o.kernelMode,
      maxSteps: o.maxSteps,
      budgetUsd: o.budgetUsd,
      taskTimeoutMs: o.taskTimeoutMs,
      command: o.command,
    },
    traces.map((t) => t.result),
  );
  const comparison = baseline ? compareReports(baseline, report, o.baselineDir!) : null;
  if (o.outDir) {
    await writeFile(join(o.outDir, "results.json"), `${JSON.stringify({ ...report, comparison }, null, 2)}\n`);
    await writeFile(
      join(o.outDir, "report.md"),
      renderMarkdown(report) + (comparison ? `\n${renderComparison(comparison)}` : ""),
    );
  }
  return { report, traces, outDir: o.outDir, comparison };
}
