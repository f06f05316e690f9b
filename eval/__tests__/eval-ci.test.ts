// The evaluation harness checked offline, as CI runs it: the reference policy solves every
// standard-library task through the real agent loop, SDK and Node kernels; a committed trace
// replays to the same outcomes, tokens and cell outputs; deliberately wrong solutions fail their
// checkers; a PyBench checkout is loaded and graded (or reported ungraded) the same way.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPyBench } from "@/lib/eval/pybench";
import { selectTasks } from "@/lib/eval/select";
import { isStdlibOnly, type EvalTask } from "@/lib/eval/task";
import type { TaskTrace } from "@/lib/eval/trace";
import { runEval, type EvalOptions } from "@/scripts/eval/run-eval";
import { ALL_TASKS } from "../tasks";
import { numbersIn } from "../tasks/helpers";

const ROOT = join(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function options(tasks: readonly EvalTask[], over: Partial<EvalOptions> = {}): EvalOptions {
  return {
    root: ROOT,
    tasks,
    policy: "reference",
    replayDir: null,
    model: "claude-sonnet-5-5",
    concurrency: 2,
    kernelMode: "reuse",
    maxSteps: 6,
    budgetUsd: 1,
    taskTimeoutMs: 60_000,
    cellTimeoutMs: 30_000,
    packageIndex: null,
    outDir: null,
    command: "vitest",
    ...over,
  };
}

describe("the suite", () => {
  it("has at least 40 tasks, 25+ standard-library only, in every category, each with a reference and a checker", () => {
    expect(ALL_TASKS.length).toBeGreaterThanOrEqual(40);
    expect(ALL_TASKS.filter(isStdlibOnly).length).toBeGreaterThanOrEqual(25);
    expect(new Set(ALL_TASKS.map((t) => t.category))).toEqual(
      new Set(["csv", "stats", "text", "math", "conversion", "image", "chart", "ml"]),
    );
    for (const t of ALL_TASKS) {
      expect(t.reference, t.id).toBeTruthy();
      expect(Boolean(t.check || t.pythonCheck), t.id).toBe(true);
      expect(t.prompt, t.id).toMatch(/\.\/output\//);
      // Inputs are generated deterministically: the same bytes every time.
      expect([...t.files()].map(([p, d]) => `${p}:${Buffer.from(d).toString("base64")}`)).toEqual(
        [...t.files()].map(([p, d]) => `${p}:${Buffer.from(d).toString("base64")}`),
      );
    }
  });

  it("selects by id, glob, category and set, and rejects what matches nothing", () => {
    expect(selectTasks(ALL_TASKS, "csv-*,math-binomial").map((t) => t.id)).toContain("math-binomial");
    expect(selectTasks(ALL_TASKS, "image").every((t) => t.category === "image")).toBe(true);
    expect(selectTasks(ALL_TASKS, "packages").every((t) => t.packages.length > 0)).toBe(true);
    expect(() => selectTasks(ALL_TASKS, "no-such-task")).toThrow(/matches no task/);
    expect(numbersIn("Total: 1,234.5 and -3, also 2.5e3")).toEqual([1234.5, -3, 2500]);
  });
});

describe("reference policy on the standard-library subset", () => {
  it("passes every task, and writes the report and a trace per task", async () => {
    const out = mkdtempSync(join(tmpdir(), "pylot-eval-"));
    dirs.push(out);
    const tasks = ALL_TASKS.filter(isStdlibOnly);
    const { report } = await runEval(options(tasks, { outDir: out }));
    const failed = report.results.filter((r) => r.outcome !== "pass").map((r) => `${r.id}: ${r.outcome} ${r.reason}`);
    expect(failed).toEqual([]);
    expect(report.totals.passRate).toBe(100);
    expect(report.results.every((r) => r.steps === 2 && r.usage.outputTokens > 0 && r.costUsd > 0)).toBe(true);
    expect(readdirSync(join(out, "traces")).length).toBe(tasks.length);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("| GPT-4o | 79.7% |");
    expect(md).toContain("| csv | 7 | 7 | 0 |");
    const trace = JSON.parse(readFileSync(join(out, "traces", "csv-join-spend.json"), "utf8")) as TaskTrace;
    expect(trace.steps[0]!.call.content.some((b) => b.type === "tool_use")).toBe(true);
    expect(trace.steps[0]!.cells[0]!.status).toBe("ok");
  }, 240_000);

  it("skips tasks whose packages cannot be loaded here, saying why", async () => {
    const { report } = await runEval(options(selectTasks(ALL_TASKS, "ml-classification,chart-histogram")));
    expect(report.results.map((r) => r.outcome)).toEqual(["skipped", "skipped"]);
    expect(report.results[0]!.reason).toMatch(/^package unavailable: .*numpy/);
    expect(report.totals.passRate).toBeNull();
  }, 60_000);
});

describe("replay of committed traces", () => {
  it("reproduces the recorded outcomes, cell outputs, tokens and cost", async () => {
    const dir = join(ROOT, "eval/traces/ci");
    const recorded = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as TaskTrace);
    const { report, traces } = await runEval(options(ALL_TASKS, { policy: "replay", replayDir: dir }));
    expect(traces.map((t) => t.id).sort()).toEqual(recorded.map((t) => t.id).sort());
    for (const r of recorded) {
      const now = report.results.find((x) => x.id === r.id)!;
      expect({
        id: now.id,
        outcome: now.outcome,
        reason: now.reason,
        steps: now.steps,
        usage: now.usage,
        diverged: now.replayDivergedAtStep,
      }).toEqual({
        id: r.id,
        outcome: r.result.outcome,
        reason: r.result.reason,
        steps: r.result.steps,
        usage: r.result.usage,
        diverged: null,
      });
      expect(now.costUsd).toBeCloseTo(r.result.costUsd, 10);
    }
    // One of them recovers from a KeyError, one fails its checker: both are replayed as recorded.
    expect(report.results.map((r) => r.outcome).sort()).toEqual(["fail", "pass", "pass"]);
  }, 120_000);
});

/** Deliberately wrong solutions: each must fail its checker, for the reason the test names. */
const WRONG: Record<string, { code: string; reason: RegExp }> = {
  "csv-sales-by-region": {
    // revenue sorted ascending instead of descending
    code: `import csv, os
t = {}
for r in csv.DictReader(open("data/sales.csv")):
    t[r["region"]] = t.get(r["region"], 0) + int(r["units"]) * float(r["unit_price"])
os.makedirs("output", exist_ok=True)
w = csv.writer(open("output/region_totals.csv", "w", newline=""))
w.writerow(["region", "revenue"])
for k, v in sorted(t.items(), key=lambda kv: kv[1]):
    w.writerow([k, round(v, 2)])
print(min(t, key=t.get))`,
    reason: /row 1: expected/,
  },
  "stats-summary": {
    // population instead of sample standard deviation
    code: `import csv, json, os, statistics
v = [float(r["value"]) for r in csv.DictReader(open("data/measurements.csv"))]
os.makedirs("output", exist_ok=True)
json.dump({"count": len(v), "mean": round(statistics.mean(v), 3), "median": round(statistics.median(v), 3), "stdev": round(statistics.pstdev(v), 3), "min": min(v), "max": max(v)}, open("output/summary.json", "w"))
print(round(statistics.mean(v), 3))`,
    reason: /stdev: expected/,
  },
  "text-extract-emails": {
    // not lowercased, so case variants count twice
    code: `import os, re
found = sorted(set(re.findall(r"[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+", open("data/contacts.txt").read())))
os.makedirs("output", exist_ok=True)
open("output/emails.txt", "w").write("\\n".join(found))
print(len(found))`,
    reason: /emails differ/,
  },
  "conv-csv-to-xml": {
    // names not escaped: "Bolt <M6>" makes the file malformed (graded by the Python checker)
    code: `import csv, os
os.makedirs("output", exist_ok=True)
rows = list(csv.DictReader(open("data/stock.csv")))
items = "".join(f'<item sku="{r["sku"]}"><name>{r["name"]}</name><qty>{r["qty"]}</qty><location>{r["location"]}</location></item>' for r in rows)
open("output/stock.xml", "w").write(f"<inventory>{items}</inventory>")
print(sum(int(r["qty"]) for r in rows))`,
    reason: /not well-formed XML/,
  },
  "image-ppm-flip": {
    // flipped vertically instead of horizontally
    code: `import os, re
d = open("data/photo.ppm", "rb").read()
m = re.match(rb"P6\\s+(\\d+)\\s+(\\d+)\\s+255\\s", d)
w, h = int(m.group(1)), int(m.group(2))
px = d[m.end():]
rows = [px[y * w * 3:(y + 1) * w * 3] for y in range(h)]
os.makedirs("output", exist_ok=True)
open("output/flipped.ppm", "wb").write(b"P6\\n%d %d\\n255\\n" % (w, h) + b"".join(reversed(rows)))
print(tuple(rows[-1][:3]))`,
    reason: /is not the mirror/,
  },
  "math-prime-sum": {
    // off by one: primes up to and including N would be the same here, so this counts 1 as prime
    code: `import os
n = int(open("data/limit.txt").read())
s = [True] * n
for i in range(2, int(n ** 0.5) + 1):
    if s[i]:
        s[i*i::i] = [False] * len(s[i*i::i])
total = sum(i for i in range(1, n) if s[i])
os.makedirs("output", exist_ok=True)
open("output/answer.txt", "w").write(str(total))
print(total)`,
    reason: /answer.txt holds/,
  },
};

describe("deliberately wrong solutions", () => {
  it("fail their checkers", async () => {
    const tasks = selectTasks(ALL_TASKS, Object.keys(WRONG).join(",")).map((t) => ({
      ...t,
      reference: WRONG[t.id]!.code,
    }));
    const { report } = await runEval(options(tasks));
    for (const r of report.results) {
      expect(r.outcome, `${r.id}: ${r.reason}`).toBe("fail");
      expect(r.reason, r.id).toMatch(WRONG[r.id]!.reason);
    }
  }, 120_000);

  it("fail when the run ends without the files or the answer", async () => {
    const [task] = selectTasks(ALL_TASKS, "csv-join-spend");
    const { report } = await runEval(options([{ ...task!, reference: "print('I did nothing')" }]));
    expect(report.results[0]).toMatchObject({
      outcome: "fail",
      reason: expect.stringMatching(/spend_by_customer.csv was not written/),
    });
  }, 60_000);
});

describe("limits", () => {
  it("interrupts a cell past its timeout and stops a task past its time limit", async () => {
    const [task] = selectTasks(ALL_TASKS, "math-binomial");
    const spin = { ...task!, reference: "while True:\n    pass" };
    const cell = await runEval(options([spin], { cellTimeoutMs: 1_000 }));
    expect(cell.report.results[0]).toMatchObject({ outcome: "fail", runStatus: "completed", steps: 2 });
    expect(cell.traces[0]!.steps[0]!.cells[0]).toMatchObject({
      status: "interrupted",
      observation: expect.stringContaining("ran longer than 1 s and was interrupted"),
    });
    const whole = await runEval(options([spin], { taskTimeoutMs: 2_000 }));
    expect(whole.report.results[0]).toMatchObject({
      outcome: "fail",
      runStatus: "stopped",
      runError: "Task time limit reached (2 s).",
      steps: 1,
    });
  }, 60_000);

  it("stops at the step limit", async () => {
    const [task] = selectTasks(ALL_TASKS, "math-binomial");
    const { report } = await runEval(options([task!], { maxSteps: 1 }));
    expect(report.results[0]).toMatchObject({
      outcome: "fail",
      runStatus: "stopped",
      steps: 1,
      runError: expect.stringMatching(/^Step limit reached/),
    });
  }, 60_000);
});

describe("PyBench loader", () => {
  const fixture = join(import.meta.dirname, "fixtures/pybench");

  it("reads task.json and the unit tests, and grades only what it can", async () => {
    const tasks = await loadPyBench(fixture);
    expect(tasks.map((t) => t.id)).toEqual(["pybench-2", "pybench-18", "pybench-90"]);
    expect(tasks[0]!.prompt).toContain("The data is at ./data/visits.csv.");
    expect(tasks[0]!.prompt).toContain("./output/2.csv");
    expect([...tasks[0]!.files().keys()]).toEqual(["data/visits.csv"]);
    expect(tasks[2]!.pythonCheck).toBeUndefined();

    // PyBench has no reference solutions; these stand in for a model's cells.
    const solutions: Record<string, string> = {
      "pybench-2": `import csv, os
rows = list(csv.reader(open("data/visits.csv")))
seen, out = set(), [rows[0]]
for r in rows[1:]:
    if tuple(r) not in seen:
        seen.add(tuple(r)); out.append(r)
os.makedirs("output", exist_ok=True)
csv.writer(open("output/2.csv", "w", newline="")).writerows(out)
print(len(out) - 1, "rows left")`,
      "pybench-18": `print(round((2.5 + 4.0 + 3.5) / 3, 2))`,
      "pybench-90": `print("3 trips")`,
    };
    const { report } = await runEval(options(tasks.map((t) => ({ ...t, reference: solutions[t.id] }))));
    expect(report.results.map((r) => [r.id, r.outcome])).toEqual([
      ["pybench-2", "pass"],
      ["pybench-18", "ungraded"],
      ["pybench-90", "ungraded"],
    ]);
    expect(report.results[1]!.reason).toMatch(/cannot run here.*pandas/);
    expect(report.totals.passRate).toBe(100);
  }, 60_000);

  it("rejects a directory that is not a PyBench checkout, and paths that leave it", async () => {
    await expect(loadPyBench(join(fixture, "data"))).rejects.toThrow(/not a PyBench checkout/);
    expect(existsSync(join(fixture, "data/meta/task.json"))).toBe(true);
  });
});
