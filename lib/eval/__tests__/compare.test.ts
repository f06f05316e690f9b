import { describe, expect, it } from "vitest";
import { compareReports, renderComparison } from "../compare";
import { buildReport, renderMarkdown, type RunInfo } from "../report";
import type { TaskResult } from "../trace";

const run: RunInfo = {
  policy: "real",
  model: "claude-sonnet-5-5",
  startedAt: "2026-11-23T00:00:00Z",
  wallMs: 1000,
  concurrency: 1,
  kernelMode: "fresh",
  maxSteps: 20,
  budgetUsd: 2,
  taskTimeoutMs: 300_000,
  command: "npm run eval",
};
const result = (id: string, outcome: TaskResult["outcome"], steps = 3, costUsd = 0.01): TaskResult => ({
  id,
  category: id.split("-")[0]!,
  packages: [],
  outcome,
  reason: `${outcome} because`,
  runStatus: "completed",
  runError: null,
  steps,
  usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 20 },
  costUsd,
  wallMs: 100,
  kernelMs: 10,
  kernelMode: "fresh",
  finalText: "",
  outputFiles: [],
});

describe("report and comparison", () => {
  it("counts pass rate over graded tasks and errors, leaving out skipped and ungraded", () => {
    const r = buildReport(run, [
      result("csv-a", "pass"),
      result("csv-b", "fail"),
      result("math-c", "error"),
      result("ml-d", "skipped"),
      result("pybench-1", "ungraded"),
    ]);
    expect(r.totals).toMatchObject({ tasks: 5, passed: 1, failed: 1, errors: 1, skipped: 1, ungraded: 1 });
    expect(r.totals.passRate).toBeCloseTo(100 / 3);
    expect(r.byCategory.csv).toMatchObject({ tasks: 2, passed: 1, passRate: 50 });
    const md = renderMarkdown(r);
    expect(md).toContain("| **Pylot (claude-sonnet-5-5, real)** | **33.3%** |");
    expect(md).toContain("[trace](traces/csv-a.json)");
  });

  it("lists regressions, fixes and step changes against a baseline", () => {
    const before = buildReport(run, [
      result("csv-a", "pass"),
      result("csv-b", "fail"),
      result("text-c", "pass", 3),
      result("old-d", "pass"),
    ]);
    const after = buildReport(run, [
      result("csv-a", "fail"),
      result("csv-b", "pass"),
      result("text-c", "pass", 5),
      result("new-e", "pass"),
    ]);
    const c = compareReports(before, after, "base");
    expect(c.regressions).toEqual([{ id: "csv-a", before: "pass", after: "fail", reason: "fail because" }]);
    expect(c.fixes.map((f) => f.id)).toEqual(["csv-b"]);
    expect(c.stepsDelta).toEqual([{ id: "text-c", before: 3, after: 5 }]);
    expect([c.added, c.removed]).toEqual([["new-e"], ["old-d"]]);
    expect(c.passRateDelta).toBeCloseTo(0);
    expect(renderComparison(c)).toContain("| csv-a | pass | fail | fail because |");
  });
});
