// npm run bench:eval: the evaluation harness's own speed, with the reference policy on the
// standard-library tasks (so the model costs nothing and the numbers are the harness's):
// whole-suite and per-task wall time at concurrency 1 and 2, with a fresh interpreter per task and
// with one reused and reset; and kernel preparation per task, fresh (snapshot / normal boot) vs reset.
// Numbers only, no asserts. BENCH_EVAL_TASKS narrows the tasks (default "stdlib").
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { selectTasks } from "@/lib/eval/select";
import { NodeKernel } from "@/lib/kernel/node/node-kernel";
import { ALL_TASKS } from "@/eval/tasks";
import { runEval } from "../eval/run-eval";
import { row, summarize } from "./stats";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tasks = selectTasks(ALL_TASKS, process.env.BENCH_EVAL_TASKS ?? "stdlib");

// The SDK warns about the deprecated default model on every request.
const warn = console.warn;
console.warn = (...args: unknown[]) => void (String(args[0]).includes("deprecated") ? undefined : warn(...args));

console.log(`\n== Pylot eval harness (${new Date().toISOString()}, ${tasks.length} tasks, reference policy) ==`);

const boots: number[] = [];
const normal: number[] = [];
const resets: number[] = [];
for (let i = 0; i < 5; i++) {
  let t0 = performance.now();
  const k = await NodeKernel.start();
  boots.push(performance.now() - t0);
  await k.run("import csv, json\nx = list(range(10**5))");
  t0 = performance.now();
  await k.reset();
  resets.push(performance.now() - t0);
  k.dispose();
  t0 = performance.now();
  const n = await NodeKernel.start({ useSnapshot: false });
  normal.push(performance.now() - t0);
  n.dispose();
}
console.log(row("kernel: fresh start from snapshot", summarize(boots)));
console.log(row("kernel: fresh start, normal boot (no snapshot)", summarize(normal)));
console.log(row("kernel: reset of a used kernel", summarize(resets)));

for (const kernelMode of ["reuse", "fresh"] as const) {
  for (const concurrency of [1, 2]) {
    const { report } = await runEval({
      root: ROOT,
      tasks,
      policy: "reference",
      replayDir: null,
      model: "claude-sonnet-5-5",
      concurrency,
      kernelMode,
      maxSteps: 6,
      budgetUsd: 1,
      taskTimeoutMs: 120_000,
      cellTimeoutMs: 60_000,
      packageIndex: null,
      outDir: null,
      command: "bench:eval",
    });
    const r = report.results;
    const label = `${kernelMode} kernels, concurrency ${concurrency}`;
    const passed = r.filter((x) => x.outcome === "pass").length;
    console.log(
      `suite: ${label.padEnd(30)} wall ${(report.run.wallMs / 1000).toFixed(1).padStart(6)} s  (${passed}/${r.length} passed)`,
    );
    console.log(row(`  per task wall (${label})`, summarize(r.map((x) => x.wallMs))));
    console.log(row(`  per task kernel prep (${label})`, summarize(r.map((x) => x.kernelMs))));
    if (kernelMode === "reuse" && concurrency === 1) {
      const slow = [...r].sort((a, b) => b.wallMs - a.wallMs).slice(0, 5);
      console.log(`  slowest tasks: ${slow.map((x) => `${x.id} ${x.wallMs} ms`).join(", ")}`);
    }
  }
}
process.exit(0);
