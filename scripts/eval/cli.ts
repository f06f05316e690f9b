// npm run eval -- [options]: runs the task suite (or a PyBench checkout) through the app's agent
// loop with Python in Node-side Pyodide, and writes a report. See `npm run eval -- --help`.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { defaultModel, KNOWN_MODELS } from "@/lib/agent/pricing";
import { loadPyBench } from "@/lib/eval/pybench";
import { selectTasks } from "@/lib/eval/select";
import { isStdlibOnly } from "@/lib/eval/task";
import { ALL_TASKS } from "@/eval/tasks";
import { runEval } from "./run-eval";
import type { PolicyName } from "./policy";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const HELP = `npm run eval -- [options]

  --policy real|reference|replay <dir>
                        real: Claude through the Anthropic SDK (needs ANTHROPIC_API_KEY; the default when it is set)
                        reference: a fake model answers with each task's reference solution (offline)
                        replay <dir>: replays the model answers recorded in <dir> (a results dir or a traces dir)
  --model NAME          model for --policy real (default ${defaultModel()}: PYLOT_DEFAULT_MODEL or the current Sonnet)
  --tasks LIST          comma-separated ids, globs (csv-*), categories, "stdlib" or "packages" (default: all)
  --pybench PATH        run the tasks of a PyBench checkout (data/meta/task.json) instead of Pylot's suite
  --concurrency N       tasks in parallel, one kernel each (default 1)
  --kernel fresh|reuse  a new interpreter per task (default) or one reset between tasks
  --max-steps N         model calls per task (default 20)
  --budget USD          cost limit per task (default 2)
  --run-budget USD      stop starting tasks once the whole run has cost this much (default: no cap)
  --task-timeout S      seconds per task (default 300)
  --cell-timeout S      seconds per cell before it is interrupted (default 120)
  --package-index URL   where Pyodide packages can be fetched (tasks needing packages are skipped without one)
  --out DIR             results directory (default eval-results/<time>-<policy>)
  --baseline DIR        compare with an earlier run's results: regressions, fixes, pass-rate and cost change
  --list                print the selected tasks and exit
`;

function num(name: string, raw: string | undefined, fallback: number, min: number, integer = false): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name}: expected ${integer ? "an integer" : "a number"} ≥ ${min}, got "${raw}"`);
  }
  return n;
}

// The SDK warns on every request about a deprecated model; once per message is enough here.
const warned = new Set<string>();
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const key = args.map(String).join(" ");
  if (warned.has(key)) return;
  warned.add(key);
  warn(...args);
};

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      policy: { type: "string" },
      model: { type: "string" },
      tasks: { type: "string" },
      pybench: { type: "string" },
      concurrency: { type: "string" },
      kernel: { type: "string" },
      "max-steps": { type: "string" },
      budget: { type: "string" },
      "run-budget": { type: "string" },
      "task-timeout": { type: "string" },
      "cell-timeout": { type: "string" },
      "package-index": { type: "string" },
      out: { type: "string" },
      baseline: { type: "string" },
      list: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return void console.log(HELP);
  const suite = values.pybench ? await loadPyBench(resolve(values.pybench)) : ALL_TASKS;
  const tasks = selectTasks(suite, values.tasks);
  if (values.list) {
    for (const t of tasks)
      console.log(`${t.id.padEnd(34)} ${t.category.padEnd(11)} ${isStdlibOnly(t) ? "stdlib" : t.packages.join(",")}`);
    console.log(`${tasks.length} task(s), ${tasks.filter(isStdlibOnly).length} standard-library only`);
    return;
  }
  const policy = (values.policy ?? (process.env.ANTHROPIC_API_KEY?.trim() ? "real" : "")) as PolicyName | "";
  if (!policy)
    throw new Error(
      "ANTHROPIC_API_KEY is not set: choose --policy reference (offline check) or --policy replay <dir>, or set the key for --policy real.",
    );
  if (!["real", "reference", "replay"].includes(policy))
    throw new Error(`--policy: expected real, reference or replay, got "${policy}"`);
  const replayDir = policy === "replay" ? (positionals[0] ?? null) : null;
  if (policy === "replay" && !replayDir) throw new Error("--policy replay needs a directory: --policy replay <dir>");
  if (positionals.length > (policy === "replay" ? 1 : 0))
    throw new Error(`unexpected argument(s): ${positionals.join(" ")}`);
  const kernelMode = values.kernel ?? "fresh";
  if (kernelMode !== "fresh" && kernelMode !== "reuse")
    throw new Error(`--kernel: expected fresh or reuse, got "${kernelMode}"`);
  const limits = {
    concurrency: num("concurrency", values.concurrency, 1, 1, true),
    maxSteps: num("max-steps", values["max-steps"], 20, 1, true),
    budgetUsd: num("budget", values.budget, 2, 0),
    runBudgetUsd: values["run-budget"] === undefined ? null : num("run-budget", values["run-budget"], 0, 0),
    taskTimeoutMs: num("task-timeout", values["task-timeout"], 300, 1) * 1000,
    cellTimeoutMs: num("cell-timeout", values["cell-timeout"], 120, 1) * 1000,
  };
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  const outDir = resolve(values.out ?? join(ROOT, "eval-results", `${stamp}-${policy}`));
  const model = values.model ?? defaultModel();
  if (!KNOWN_MODELS.includes(model))
    console.warn(
      `eval: ${model} is not in the capability table (lib/agent/models/model-table.ts); its cost is counted at the most expensive known price`,
    );
  console.log(
    `eval: ${tasks.length} task(s), policy ${policy}${replayDir ? ` ${replayDir}` : ""}, model ${model}, concurrency ${limits.concurrency}, kernels ${kernelMode}`,
  );
  const { report, comparison } = await runEval({
    root: ROOT,
    tasks,
    policy,
    replayDir: replayDir ? resolve(replayDir) : null,
    model,
    ...limits,
    kernelMode,
    packageIndex: values["package-index"] ?? null,
    outDir,
    baselineDir: values.baseline ? resolve(values.baseline) : null,
    command: `npm run eval -- ${process.argv.slice(2).join(" ")}`.trim(),
    log: (line) => console.log(line),
  });
  const t = report.totals;
  console.log(
    `\npass rate ${t.passRate === null ? "–" : `${t.passRate.toFixed(1)}%`} (${t.passed} passed, ${t.failed} failed, ${t.errors} errors, ${t.skipped} skipped, ${t.ungraded} ungraded); ` +
      `cost $${t.costUsd.toFixed(4)}; wall ${(report.run.wallMs / 1000).toFixed(1)} s`,
  );
  if (comparison) {
    const delta =
      comparison.passRateDelta === null
        ? "–"
        : `${comparison.passRateDelta >= 0 ? "+" : ""}${comparison.passRateDelta.toFixed(1)} points`;
    console.log(
      `vs baseline: pass rate ${delta}; ${comparison.regressions.length} regression(s)${comparison.regressions.length ? `: ${comparison.regressions.map((r) => r.id).join(", ")}` : ""}; ${comparison.fixes.length} fix(es)`,
    );
  }
  console.log(`report: ${join(outDir, "report.md")}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
