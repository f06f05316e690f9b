// The run's report: totals, by category, per task, and our pass rate next to PyBench's published
// figures. Written as results.json (everything, for tools and diffs) and report.md (for people).
import type { TokenUsage } from "@/lib/agent/pricing";
import type { TaskResult } from "./trace";

/** PyBench (Zhang et al., 2024), pass rates over its 143 tasks. */
export const PUBLISHED_PYBENCH: readonly { model: string; passRate: number }[] = [
  { model: "GPT-4o", passRate: 79.7 },
  { model: "GPT-4o-mini", passRate: 81.1 },
  { model: "Llama-3-70B-Instruct", passRate: 78.3 },
  { model: "GPT-3.5-turbo", passRate: 62.9 },
];

export interface Totals {
  tasks: number;
  graded: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  ungraded: number;
  /** passed / (graded + errors), in percent; null when nothing was graded. */
  passRate: number | null;
  meanSteps: number | null;
  usage: TokenUsage;
  costUsd: number;
  wallMs: number;
}

export function totalsOf(results: readonly TaskResult[]): Totals {
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  const passed = count("pass");
  const failed = count("fail");
  const errors = count("error");
  const ran = results.filter((r) => r.outcome === "pass" || r.outcome === "fail");
  const usage = results.reduce(
    (u, r) => ({
      inputTokens: u.inputTokens + r.usage.inputTokens,
      outputTokens: u.outputTokens + r.usage.outputTokens,
      cacheReadTokens: u.cacheReadTokens + r.usage.cacheReadTokens,
      cacheWriteTokens: u.cacheWriteTokens + r.usage.cacheWriteTokens,
    }),
    { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
  );
  const denominator = passed + failed + errors;
  return {
    tasks: results.length,
    graded: passed + failed,
    passed,
    failed,
    errors,
    skipped: count("skipped"),
    ungraded: count("ungraded"),
    passRate: denominator ? (100 * passed) / denominator : null,
    meanSteps: ran.length ? ran.reduce((n, r) => n + r.steps, 0) / ran.length : null,
    usage,
    costUsd: results.reduce((n, r) => n + r.costUsd, 0),
    wallMs: results.reduce((n, r) => n + r.wallMs, 0),
  };
}

export interface RunInfo {
  policy: string;
  model: string;
  startedAt: string;
  wallMs: number;
  concurrency: number;
  kernelMode: "fresh" | "reuse";
  maxSteps: number;
  budgetUsd: number;
  taskTimeoutMs: number;
  command: string;
}

export interface Report {
  run: RunInfo;
  totals: Totals;
  byCategory: Record<string, Totals>;
  results: TaskResult[];
  publishedPyBench: typeof PUBLISHED_PYBENCH;
}

export function buildReport(run: RunInfo, results: readonly TaskResult[]): Report {
  const byCategory: Record<string, Totals> = {};
  for (const c of [...new Set(results.map((r) => r.category))].sort())
    byCategory[c] = totalsOf(results.filter((r) => r.category === c));
  return { run, totals: totalsOf(results), byCategory, results: [...results], publishedPyBench: PUBLISHED_PYBENCH };
}

const pct = (n: number | null) => (n === null ? "–" : `${n.toFixed(1)}%`);
const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tokens = (u: TokenUsage) =>
  `${u.inputTokens.toLocaleString("en")} in / ${u.outputTokens.toLocaleString("en")} out / ${u.cacheReadTokens.toLocaleString("en")} cache read / ${u.cacheWriteTokens.toLocaleString("en")} cache write`;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

export function renderMarkdown(r: Report): string {
  const t = r.totals;
  const lines: string[] = [];
  lines.push(`# Pylot eval: ${r.run.policy} policy, ${r.run.model}`, "");
  lines.push(
    `Started ${r.run.startedAt}; wall ${secs(r.run.wallMs)}; concurrency ${r.run.concurrency}; kernels ${r.run.kernelMode}; step limit ${r.run.maxSteps}; budget ${usd(r.run.budgetUsd)} per task; task time limit ${secs(r.run.taskTimeoutMs)}.`,
    "",
  );
  lines.push(`Command: \`${r.run.command}\``, "");
  lines.push("## Summary", "");
  lines.push(
    "| tasks | passed | failed | errors | skipped | ungraded | pass rate | mean steps | cost | tokens |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  lines.push(
    `| ${t.tasks} | ${t.passed} | ${t.failed} | ${t.errors} | ${t.skipped} | ${t.ungraded} | ${pct(t.passRate)} | ${t.meanSteps?.toFixed(1) ?? "–"} | ${usd(t.costUsd)} | ${tokens(t.usage)} |`,
    "",
  );
  lines.push(
    "Pass rate = passed / (passed + failed + errors); skipped (package unavailable) and ungraded tasks are left out.",
    "",
  );
  lines.push("## Against published PyBench results", "");
  lines.push("| agent | pass rate | note |", "|---|---|---|");
  lines.push(
    `| **Pylot (${r.run.model}, ${r.run.policy})** | **${pct(t.passRate)}** | ${t.graded + t.errors} graded tasks of this suite |`,
  );
  for (const p of r.publishedPyBench)
    lines.push(`| ${p.model} | ${p.passRate.toFixed(1)}% | PyBench paper, 143 tasks |`);
  lines.push(
    "",
    "The suites differ (ours is written for this project in PyBench's manner), so read the comparison as indicative. With the reference or replay policy the number checks the harness, not a model.",
    "",
  );
  lines.push("## By category", "");
  lines.push(
    "| category | tasks | passed | failed | errors | skipped | ungraded | pass rate | mean steps | cost |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const [c, x] of Object.entries(r.byCategory)) {
    lines.push(
      `| ${c} | ${x.tasks} | ${x.passed} | ${x.failed} | ${x.errors} | ${x.skipped} | ${x.ungraded} | ${pct(x.passRate)} | ${x.meanSteps?.toFixed(1) ?? "–"} | ${usd(x.costUsd)} |`,
    );
  }
  lines.push("", "## Tasks", "");
  lines.push(
    "| task | category | outcome | reason | steps | tokens in/out/cache r/w | cost | wall | kernel | trace |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const x of r.results) {
    const u = x.usage;
    lines.push(
      `| ${x.id} | ${x.category} | ${x.outcome} | ${cell(x.reason).slice(0, 160)} | ${x.steps} | ${u.inputTokens}/${u.outputTokens}/${u.cacheReadTokens}/${u.cacheWriteTokens} | ${usd(x.costUsd)} | ${secs(x.wallMs)} | ${x.kernelMode} ${x.kernelMs} ms | [trace](traces/${x.id}.json) |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
