// A run against a baseline run (--baseline <results dir>): which tasks regressed (passed before,
// not now), which were fixed, and how pass rate, steps and cost moved. This is what a weekly
// tuning loop reads first.
import type { Report } from "./report";

export interface Comparison {
  baseline: string;
  /** Over the tasks in both runs. */
  passRateDelta: number | null;
  costDelta: number;
  regressions: { id: string; before: string; after: string; reason: string }[];
  fixes: { id: string; before: string; after: string }[];
  /** Tasks in only one of the two runs. */
  added: string[];
  removed: string[];
  stepsDelta: { id: string; before: number; after: number }[];
}

export function compareReports(baseline: Report, now: Report, baselineName: string): Comparison {
  const before = new Map(baseline.results.map((r) => [r.id, r]));
  const after = new Map(now.results.map((r) => [r.id, r]));
  const c: Comparison = {
    baseline: baselineName,
    passRateDelta: null,
    costDelta: 0,
    regressions: [],
    fixes: [],
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    stepsDelta: [],
  };
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) continue;
    if (b.outcome === "pass" && a.outcome !== "pass")
      c.regressions.push({ id, before: b.outcome, after: a.outcome, reason: a.reason });
    if (b.outcome !== "pass" && a.outcome === "pass") c.fixes.push({ id, before: b.outcome, after: a.outcome });
    if (a.steps !== b.steps && a.outcome === "pass" && b.outcome === "pass")
      c.stepsDelta.push({ id, before: b.steps, after: a.steps });
  }
  // Over the tasks both runs have, so a changed selection does not read as a regression.
  const common = [...after.keys()].filter((id) => before.has(id));
  const rate = (m: Map<string, Report["results"][number]>) => {
    const graded = common
      .map((id) => m.get(id)!)
      .filter((r) => r.outcome === "pass" || r.outcome === "fail" || r.outcome === "error");
    return graded.length ? (100 * graded.filter((r) => r.outcome === "pass").length) / graded.length : null;
  };
  const [rb, ra] = [rate(before), rate(after)];
  c.passRateDelta = rb === null || ra === null ? null : ra - rb;
  c.costDelta = common.reduce((n, id) => n + after.get(id)!.costUsd - before.get(id)!.costUsd, 0);
  return c;
}

export function renderComparison(c: Comparison): string {
  const sign = (n: number, d = 1) => `${n >= 0 ? "+" : ""}${n.toFixed(d)}`;
  const lines = [`## Compared with ${c.baseline}`, ""];
  lines.push(
    `On the tasks both runs have: pass rate ${c.passRateDelta === null ? "–" : `${sign(c.passRateDelta)} points`}; cost ${sign(c.costDelta, 4)} USD; ${c.regressions.length} regression(s), ${c.fixes.length} fix(es).`,
    "",
  );
  if (c.regressions.length) {
    lines.push("| regressed task | before | after | reason |", "|---|---|---|---|");
    for (const r of c.regressions)
      lines.push(`| ${r.id} | ${r.before} | ${r.after} | ${r.reason.replace(/\|/g, "\\|").slice(0, 160)} |`);
    lines.push("");
  }
  if (c.fixes.length) lines.push(`Fixed: ${c.fixes.map((f) => `${f.id} (${f.before} → pass)`).join(", ")}.`, "");
  if (c.stepsDelta.length)
    lines.push(
      `Steps changed on passing tasks: ${c.stepsDelta.map((s) => `${s.id} ${s.before} → ${s.after}`).join(", ")}.`,
      "",
    );
  if (c.added.length) lines.push(`Only in this run: ${c.added.join(", ")}.`, "");
  if (c.removed.length) lines.push(`Only in the baseline: ${c.removed.join(", ")}.`, "");
  return lines.join("\n");
}
