// Descriptive statistics, correlation, regression, outliers.
import type { EvalTask } from "@/lib/eval/task";
import {
  answerHas,
  answerNames,
  fail,
  files,
  inputText,
  isFailure,
  near,
  ok,
  outputText,
  py,
  records,
  rng,
  round,
  toCsv,
} from "./helpers";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sampleSd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const popSd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};
const column = (text: string, name: string) => records(text).map((r) => Number(r[name]));

function measurements(): string {
  const r = rng(707);
  const rows: (string | number)[][] = [["sample", "value"]];
  for (let i = 1; i <= 101; i++) rows.push([i, round(r.normal(50, 12), 3)]);
  return toCsv(rows);
}

const summary: EvalTask = {
  id: "stats-summary",
  category: "stats",
  packages: [],
  prompt:
    "The data is at ./data/measurements.csv (sample, value). Compute count, mean, median, sample standard deviation, min and max of value, each rounded to 3 decimals, " +
    'and save them to ./output/summary.json as {"count", "mean", "median", "stdev", "min", "max"}. What is the mean?',
  files: () => files({ "data/measurements.csv": measurements() }),
  reference: py`import csv, json, os, statistics
with open("data/measurements.csv", newline="") as f:
    v = [float(r["value"]) for r in csv.DictReader(f)]
s = {"count": len(v), "mean": round(statistics.mean(v), 3), "median": round(statistics.median(v), 3),
     "stdev": round(statistics.stdev(v), 3), "min": round(min(v), 3), "max": round(max(v), 3)}
os.makedirs("output", exist_ok=True)
json.dump(s, open("output/summary.json", "w"))
print(s["mean"])`,
  check(input) {
    const v = column(inputText(input, "data/measurements.csv"), "value");
    const text = outputText(input, "output/summary.json");
    if (isFailure(text)) return text;
    const got = JSON.parse(text) as Record<string, number>;
    const want: Record<string, number> = {
      count: v.length,
      mean: mean(v),
      median: median(v),
      stdev: sampleSd(v),
      min: Math.min(...v),
      max: Math.max(...v),
    };
    for (const [k, x] of Object.entries(want))
      if (!near(Number(got[k]), x, 0.0015)) return fail(`${k}: expected ${round(x, 3)}, got ${got[k]}`);
    return answerHas(input, round(want.mean!, 3), 0.0015) ?? ok("summary statistics correct");
  },
};

function study(): string {
  const r = rng(808);
  const rows: (string | number)[][] = [["student", "hours", "score"]];
  for (let i = 1; i <= 60; i++) {
    const h = r.num(0, 20, 1);
    rows.push([`s${i}`, h, round(Math.min(100, 40 + 2.6 * h + r.normal(0, 8)), 1)]);
  }
  return toCsv(rows);
}

function pearson(x: number[], y: number[]) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const correlation: EvalTask = {
  id: "stats-correlation",
  category: "stats",
  packages: [],
  prompt:
    "The data is at ./data/study.csv (student, hours, score). What is the Pearson correlation coefficient between hours and score? Round it to 3 decimals, " +
    "write just that number to ./output/correlation.txt, and tell me the value.",
  files: () => files({ "data/study.csv": study() }),
  reference: py`import csv, os, statistics
with open("data/study.csv", newline="") as f:
    rows = list(csv.DictReader(f))
r = statistics.correlation([float(x["hours"]) for x in rows], [float(x["score"]) for x in rows])
os.makedirs("output", exist_ok=True)
open("output/correlation.txt", "w").write(f"{r:.3f}\n")
print(f"{r:.3f}")`,
  check(input) {
    const text = inputText(input, "data/study.csv");
    const r = round(pearson(column(text, "hours"), column(text, "score")), 3);
    const out = outputText(input, "output/correlation.txt");
    if (isFailure(out)) return out;
    if (!near(Number(out.trim()), r, 0.0015)) return fail(`correlation.txt holds ${out.trim()}, expected ${r}`);
    return answerHas(input, r, 0.0015) ?? ok(`r = ${r}`);
  },
};

function points(): string {
  const r = rng(909);
  const rows: (string | number)[][] = [["x", "y"]];
  for (let i = 0; i < 50; i++) {
    const x = r.num(0, 100, 1);
    rows.push([x, round(3.2 * x - 14 + r.normal(0, 9), 2)]);
  }
  return toCsv(rows);
}

function leastSquares(x: number[], y: number[]) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

const linearFit: EvalTask = {
  id: "stats-linear-fit",
  category: "stats",
  packages: [],
  prompt:
    "The data is at ./data/points.csv (x, y). Fit a straight line y = slope·x + intercept by ordinary least squares and save " +
    '{"slope": …, "intercept": …} rounded to 4 decimals to ./output/fit.json. What y does the line predict at x = 50 (2 decimals)?',
  files: () => files({ "data/points.csv": points() }),
  reference: py`import csv, json, os, statistics
with open("data/points.csv", newline="") as f:
    rows = list(csv.DictReader(f))
fit = statistics.linear_regression([float(r["x"]) for r in rows], [float(r["y"]) for r in rows])
os.makedirs("output", exist_ok=True)
json.dump({"slope": round(fit.slope, 4), "intercept": round(fit.intercept, 4)}, open("output/fit.json", "w"))
print(round(fit.slope * 50 + fit.intercept, 2))`,
  check(input) {
    const text = inputText(input, "data/points.csv");
    const { slope, intercept } = leastSquares(column(text, "x"), column(text, "y"));
    const out = outputText(input, "output/fit.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(out) as { slope?: number; intercept?: number };
    if (!near(Number(got.slope), slope, 0.0002) || !near(Number(got.intercept), intercept, 0.0002))
      return fail(`fit ${JSON.stringify(got)}, expected slope ${round(slope, 4)}, intercept ${round(intercept, 4)}`);
    return answerHas(input, round(slope * 50 + intercept, 2), 0.011) ?? ok("least-squares fit correct");
  },
};

function sensor(): string {
  const r = rng(1010);
  const rows: (string | number)[][] = [["id", "reading"]];
  const spikes = new Set([17, 58, 93, 141]);
  for (let i = 1; i <= 160; i++)
    rows.push([i, spikes.has(i) ? round(r.pick([1, -1]) * r.num(60, 80) + 20, 2) : round(r.normal(20, 2), 2)]);
  return toCsv(rows);
}

const zscoreOutliers: EvalTask = {
  id: "stats-zscore-outliers",
  category: "stats",
  packages: [],
  prompt:
    "The data is at ./data/sensor.csv (id, reading). Flag the readings whose z-score (using the mean and the population standard deviation of all readings) " +
    "is above 3 in absolute value. Save them to ./output/outliers.csv with columns id,reading in id order. How many outliers are there?",
  files: () => files({ "data/sensor.csv": sensor() }),
  reference: py`import csv, os, statistics
with open("data/sensor.csv", newline="") as f:
    rows = list(csv.DictReader(f))
v = [float(r["reading"]) for r in rows]
m, s = statistics.mean(v), statistics.pstdev(v)
out = [r for r in rows if abs((float(r["reading"]) - m) / s) > 3]
os.makedirs("output", exist_ok=True)
with open("output/outliers.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["id", "reading"])
    w.writeheader()
    w.writerows(out)
print(len(out))`,
  check(input) {
    const rows = records(inputText(input, "data/sensor.csv"));
    const v = rows.map((r) => Number(r.reading));
    const m = mean(v);
    const s = popSd(v);
    const want = rows.filter((r) => Math.abs((Number(r.reading) - m) / s) > 3).map((r) => r.id);
    const out = outputText(input, "output/outliers.csv");
    if (isFailure(out)) return out;
    const got = records(out).map((r) => r.id);
    if (got.join() !== want.join()) return fail(`outlier ids ${got.join()} != ${want.join()}`);
    return answerHas(input, want.length) ?? ok(`${want.length} outliers`);
  },
};

function scores(): string {
  const r = rng(1111);
  const rows: (string | number)[][] = [["class", "student", "score"]];
  const classes = { "7A": 71, "7B": 64, "8A": 77, "8B": 69, "9A": 74 };
  let n = 1;
  for (const [c, mu] of Object.entries(classes))
    for (let i = 0; i < r.int(12, 20); i++)
      rows.push([c, `st${n++}`, Math.max(0, Math.min(100, Math.round(r.normal(mu, 9))))]);
  return toCsv(rows);
}

const groupMeans: EvalTask = {
  id: "stats-group-means",
  category: "stats",
  packages: [],
  prompt:
    "The data is at ./data/scores.csv (class, student, score). For each class compute the number of students and the mean score (2 decimals); save " +
    "./output/class_stats.csv with columns class,count,mean sorted by class. Which class has the highest mean score?",
  files: () => files({ "data/scores.csv": scores() }),
  reference: py`import csv, os
from collections import defaultdict
groups = defaultdict(list)
with open("data/scores.csv", newline="") as f:
    for r in csv.DictReader(f):
        groups[r["class"]].append(float(r["score"]))
os.makedirs("output", exist_ok=True)
with open("output/class_stats.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["class", "count", "mean"])
    for c in sorted(groups):
        w.writerow([c, len(groups[c]), round(sum(groups[c]) / len(groups[c]), 2)])
print(max(groups, key=lambda c: sum(groups[c]) / len(groups[c])))`,
  check(input) {
    const groups = new Map<string, number[]>();
    for (const r of records(inputText(input, "data/scores.csv")))
      groups.set(r.class!, [...(groups.get(r.class!) ?? []), Number(r.score)]);
    const out = outputText(input, "output/class_stats.csv");
    if (isFailure(out)) return out;
    const got = records(out);
    const classes = [...groups.keys()].sort();
    if (got.map((g) => g.class).join() !== classes.join())
      return fail(`classes ${got.map((g) => g.class).join()} != ${classes.join()}`);
    for (const g of got) {
      const xs = groups.get(g.class!)!;
      if (Number(g.count) !== xs.length || !near(Number(g.mean), mean(xs), 0.006))
        return fail(`${g.class}: got ${g.count}, ${g.mean}; expected ${xs.length}, ${round(mean(xs), 2)}`);
    }
    const best = classes.reduce((a, b) => (mean(groups.get(b)!) > mean(groups.get(a)!) ? b : a));
    return answerNames(input, best) ?? ok("class statistics correct");
  },
};

function daily(): string {
  const r = rng(1212);
  const rows: (string | number)[][] = [["date", "visitors"]];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < 60; i++)
    rows.push([
      new Date(start + i * 86400000).toISOString().slice(0, 10),
      Math.round(400 + 5 * i + 80 * Math.sin(i / 3) + r.normal(0, 30)),
    ]);
  return toCsv(rows);
}

const movingAverage: EvalTask = {
  id: "stats-moving-average",
  category: "stats",
  packages: [],
  prompt:
    "The data is at ./data/daily.csv (date, visitors), one row per day in date order. Compute the trailing 7-day moving average of visitors (the mean of that day and the 6 before it), " +
    "starting from the 7th day, rounded to 2 decimals. Save ./output/moving_avg.csv with columns date,ma7. What is the highest 7-day average?",
  files: () => files({ "data/daily.csv": daily() }),
  reference: py`import csv, os
with open("data/daily.csv", newline="") as f:
    rows = list(csv.DictReader(f))
v = [int(r["visitors"]) for r in rows]
out = [(rows[i]["date"], round(sum(v[i - 6:i + 1]) / 7, 2)) for i in range(6, len(v))]
os.makedirs("output", exist_ok=True)
with open("output/moving_avg.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["date", "ma7"])
    w.writerows(out)
print(max(m for _, m in out))`,
  check(input) {
    const rows = records(inputText(input, "data/daily.csv"));
    const v = rows.map((r) => Number(r.visitors));
    const want = rows.slice(6).map((r, i) => ({ date: r.date!, ma: mean(v.slice(i, i + 7)) }));
    const out = outputText(input, "output/moving_avg.csv");
    if (isFailure(out)) return out;
    const got = records(out);
    if (got.length !== want.length) return fail(`expected ${want.length} rows (from day 7), got ${got.length}`);
    for (const [i, w] of want.entries())
      if (got[i]!.date !== w.date || !near(Number(got[i]!.ma7), w.ma, 0.006))
        return fail(`row ${i + 1}: expected ${w.date},${round(w.ma, 2)}, got ${got[i]!.date},${got[i]!.ma7}`);
    return answerHas(input, round(Math.max(...want.map((w) => w.ma)), 2), 0.006) ?? ok("moving average correct");
  },
};

export const STATS_TASKS = [summary, correlation, linearFit, zscoreOutliers, groupMeans, movingAverage];
