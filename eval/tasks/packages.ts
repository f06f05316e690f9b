// Charts and simple machine learning: they need Pyodide packages (matplotlib, numpy, pandas,
// scikit-learn), so they are skipped where the package index cannot be reached.
import type { EvalTask } from "@/lib/eval/task";
import { answerHas, fail, files, inputText, ok, py, records, rng, round, toCsv } from "./helpers";
import { pngInfo } from "./image-codecs";

function pngOutput(i: { outputs: ReadonlyMap<string, Uint8Array> }, path: string, minW = 300, minH = 200) {
  const data = i.outputs.get(path);
  if (!data) return fail(`${path} was not written (outputs: ${[...i.outputs.keys()].join(", ") || "none"})`);
  try {
    const info = pngInfo(data);
    if (info.width < minW || info.height < minH) return fail(`${path} is only ${info.width}x${info.height}`);
    if (data.length < 5000) return fail(`${path} is ${data.length} bytes: too small to hold a chart`);
    return ok(`${path}: ${info.width}x${info.height} PNG`);
  } catch (e) {
    return fail(`${path}: ${(e as Error).message}`);
  }
}

function monthly(): string {
  const r = rng(2626);
  const rows: (string | number)[][] = [["month", "sales"]];
  for (let m = 1; m <= 24; m++)
    rows.push([
      `${2022 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, "0")}`,
      Math.round(1000 + 40 * m + 300 * Math.sin(m / 2) + r.normal(0, 60)),
    ]);
  return toCsv(rows);
}

const lineChart: EvalTask = {
  id: "chart-monthly-line",
  category: "chart",
  packages: ["matplotlib"],
  prompt:
    "The data is at ./data/monthly_sales.csv (month, sales). Draw a line chart of sales over the months with labelled axes and a title, save it to ./output/monthly_sales.png, and tell me the month with the highest sales.",
  files: () => files({ "data/monthly_sales.csv": monthly() }),
  reference: py`import csv, os
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
rows = list(csv.DictReader(open("data/monthly_sales.csv", newline="")))
months, sales = [r["month"] for r in rows], [int(r["sales"]) for r in rows]
fig, ax = plt.subplots(figsize=(10, 5))
ax.plot(months, sales, marker="o")
ax.set_xlabel("month"); ax.set_ylabel("sales"); ax.set_title("Monthly sales")
ax.tick_params(axis="x", rotation=60)
fig.tight_layout()
os.makedirs("output", exist_ok=True)
fig.savefig("output/monthly_sales.png", dpi=100)
print(months[sales.index(max(sales))])`,
  check(i) {
    const rows = records(inputText(i, "data/monthly_sales.csv"));
    const best = rows.reduce((a, b) => (Number(b.sales) > Number(a.sales) ? b : a)).month!;
    const png = pngOutput(i, "output/monthly_sales.png");
    if (!png.pass) return png;
    return i.finalText.includes(best) ? png : fail(`the final answer does not name ${best}`);
  },
};

function heights(): string {
  const r = rng(2727);
  return toCsv([["height_cm"], ...Array.from({ length: 400 }, () => [round(r.normal(172, 9), 1)])]);
}

const histogram: EvalTask = {
  id: "chart-histogram",
  category: "chart",
  packages: ["matplotlib", "numpy"],
  prompt:
    "The data is at ./data/heights.csv (height_cm). Plot a histogram of the heights with 20 bins, save it to ./output/heights_hist.png, and tell me the mean height (1 decimal).",
  files: () => files({ "data/heights.csv": heights() }),
  reference: py`import os
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
h = np.loadtxt("data/heights.csv", delimiter=",", skiprows=1)
fig, ax = plt.subplots(figsize=(8, 5))
ax.hist(h, bins=20)
ax.set_xlabel("height (cm)"); ax.set_ylabel("count"); ax.set_title("Heights")
os.makedirs("output", exist_ok=True)
fig.savefig("output/heights_hist.png", dpi=100)
print(round(float(h.mean()), 1))`,
  check(i) {
    const h = records(inputText(i, "data/heights.csv")).map((r) => Number(r.height_cm));
    const png = pngOutput(i, "output/heights_hist.png");
    if (!png.pass) return png;
    return answerHas(i, round(h.reduce((a, b) => a + b, 0) / h.length, 1), 0.051) ?? png;
  },
};

const barChart: EvalTask = {
  id: "chart-category-bar",
  category: "chart",
  packages: ["matplotlib", "pandas"],
  prompt:
    "The data is at ./data/transactions.csv (date, category, amount). Using pandas, total the amount per category and draw a bar chart of the totals (largest first). " +
    "Save it to ./output/category_totals.png and tell me the largest category.",
  files: () => {
    const r = rng(2828);
    const rows: (string | number)[][] = [["date", "category", "amount"]];
    for (let k = 0; k < 150; k++)
      rows.push([
        `2023-${String(r.int(1, 12)).padStart(2, "0")}-01`,
        r.pick(["rent", "food", "travel", "books", "health"]),
        r.num(5, 300),
      ]);
    return files({ "data/transactions.csv": toCsv(rows) });
  },
  reference: py`import os
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
df = pd.read_csv("data/transactions.csv")
totals = df.groupby("category")["amount"].sum().sort_values(ascending=False)
ax = totals.plot.bar(figsize=(8, 5), title="Total by category")
ax.set_ylabel("amount")
os.makedirs("output", exist_ok=True)
ax.figure.tight_layout()
ax.figure.savefig("output/category_totals.png", dpi=100)
print(totals.index[0])`,
  check(i) {
    const totals = new Map<string, number>();
    for (const r of records(inputText(i, "data/transactions.csv")))
      totals.set(r.category!, (totals.get(r.category!) ?? 0) + Number(r.amount));
    const best = [...totals].sort((a, b) => b[1] - a[1])[0]![0];
    const png = pngOutput(i, "output/category_totals.png");
    if (!png.pass) return png;
    return new RegExp(`\\b${best}\\b`, "i").test(i.finalText) ? png : fail(`the final answer does not name ${best}`);
  },
};

/** y = 4.5·x1 − 2·x2 + 7 + noise; the test set's truth stays with the checker. */
function regressionData() {
  const r = rng(2929);
  const make = (n: number) =>
    Array.from({ length: n }, (_, k) => {
      const x1 = r.num(0, 10),
        x2 = r.num(-5, 5);
      return { id: k + 1, x1, x2, y: round(4.5 * x1 - 2 * x2 + 7 + r.normal(0, 1), 3) };
    });
  return { train: make(120), test: make(40) };
}

const regression: EvalTask = {
  id: "ml-linear-regression",
  category: "ml",
  packages: ["scikit-learn"],
  prompt:
    "The data is at ./data/train.csv (id, x1, x2, y) and ./data/test.csv (id, x1, x2). Train a regression model with scikit-learn on the training data, predict y for the test rows, " +
    "and save ./output/predictions.csv with columns id,y. Report the model's R² on the training data.",
  files: () => {
    const d = regressionData();
    return files({
      "data/train.csv": toCsv([["id", "x1", "x2", "y"], ...d.train.map((p) => [p.id, p.x1, p.x2, p.y])]),
      "data/test.csv": toCsv([["id", "x1", "x2"], ...d.test.map((p) => [p.id, p.x1, p.x2])]),
    });
  },
  reference: py`import csv, os
from sklearn.linear_model import LinearRegression
tr = list(csv.DictReader(open("data/train.csv", newline="")))
te = list(csv.DictReader(open("data/test.csv", newline="")))
X = [[float(r["x1"]), float(r["x2"])] for r in tr]
y = [float(r["y"]) for r in tr]
model = LinearRegression().fit(X, y)
pred = model.predict([[float(r["x1"]), float(r["x2"])] for r in te])
os.makedirs("output", exist_ok=True)
with open("output/predictions.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "y"])
    w.writerows((r["id"], round(float(p), 4)) for r, p in zip(te, pred))
print(round(model.score(X, y), 4))`,
  check(i) {
    const { test } = regressionData();
    const out = i.outputs.get("output/predictions.csv");
    if (!out) return fail("output/predictions.csv was not written");
    const got = new Map(records(new TextDecoder().decode(out)).map((r) => [Number(r.id), Number(r.y)]));
    const rmse = Math.sqrt(test.reduce((a, p) => a + ((got.get(p.id) ?? Infinity) - p.y) ** 2, 0) / test.length);
    return rmse < 1.5 ? ok(`test RMSE ${rmse.toFixed(3)} (noise sd 1)`) : fail(`test RMSE ${rmse.toFixed(3)} ≥ 1.5`);
  },
};

function blobs() {
  const r = rng(3030);
  const centers = [
    [0, 0],
    [8, 1],
    [3, 9],
  ];
  return Array.from({ length: 150 }, (_, k) => {
    const c = k % 3;
    return {
      id: k + 1,
      x: round(centers[c]![0]! + r.normal(0, 1), 3),
      y: round(centers[c]![1]! + r.normal(0, 1), 3),
      truth: c,
    };
  });
}

const kmeans: EvalTask = {
  id: "ml-kmeans-clusters",
  category: "ml",
  packages: ["scikit-learn"],
  prompt:
    "The data is at ./data/points.csv (id, x, y). Cluster the points into 3 groups with k-means (scikit-learn) and save ./output/clusters.csv with columns id,cluster. " +
    "How many points are in the largest cluster?",
  files: () => files({ "data/points.csv": toCsv([["id", "x", "y"], ...blobs().map((p) => [p.id, p.x, p.y])]) }),
  reference: py`import csv, os
from collections import Counter
from sklearn.cluster import KMeans
rows = list(csv.DictReader(open("data/points.csv", newline="")))
labels = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict([[float(r["x"]), float(r["y"])] for r in rows])
os.makedirs("output", exist_ok=True)
with open("output/clusters.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "cluster"])
    w.writerows((r["id"], int(l)) for r, l in zip(rows, labels))
print(max(Counter(labels).values()))`,
  check(i) {
    const pts = blobs();
    const out = i.outputs.get("output/clusters.csv");
    if (!out) return fail("output/clusters.csv was not written");
    const label = new Map(records(new TextDecoder().decode(out)).map((r) => [Number(r.id), r.cluster!]));
    // Purity: each true blob's most common label, counted once per blob.
    let agree = 0;
    for (let c = 0; c < 3; c++) {
      const counts = new Map<string, number>();
      for (const p of pts.filter((q) => q.truth === c))
        counts.set(label.get(p.id) ?? "?", (counts.get(label.get(p.id) ?? "?") ?? 0) + 1);
      agree += Math.max(...counts.values());
    }
    const purity = agree / pts.length;
    return purity >= 0.95
      ? ok(`purity ${(purity * 100).toFixed(1)}%`)
      : fail(`cluster purity ${(purity * 100).toFixed(1)}% < 95%`);
  },
};

function classes() {
  const r = rng(3131);
  const make = (n: number) =>
    Array.from({ length: n }, (_, k) => {
      const a = r.num(-3, 3),
        b = r.num(-3, 3);
      return { id: k + 1, a, b, label: a + 0.8 * b + r.normal(0, 0.3) > 0.5 ? "yes" : "no" };
    });
  return { train: make(200), test: make(60) };
}

const classify: EvalTask = {
  id: "ml-classification",
  category: "ml",
  packages: ["scikit-learn"],
  prompt:
    "The data is at ./data/train.csv (id, a, b, label) and ./data/test.csv (id, a, b). Train a classifier with scikit-learn, predict the label (yes/no) of each test row and save " +
    "./output/predictions.csv with columns id,label. What is the accuracy on the training data?",
  files: () => {
    const d = classes();
    return files({
      "data/train.csv": toCsv([["id", "a", "b", "label"], ...d.train.map((p) => [p.id, p.a, p.b, p.label])]),
      "data/test.csv": toCsv([["id", "a", "b"], ...d.test.map((p) => [p.id, p.a, p.b])]),
    });
  },
  reference: py`import csv, os
from sklearn.linear_model import LogisticRegression
tr = list(csv.DictReader(open("data/train.csv", newline="")))
te = list(csv.DictReader(open("data/test.csv", newline="")))
X = [[float(r["a"]), float(r["b"])] for r in tr]
model = LogisticRegression().fit(X, [r["label"] for r in tr])
pred = model.predict([[float(r["a"]), float(r["b"])] for r in te])
os.makedirs("output", exist_ok=True)
with open("output/predictions.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "label"])
    w.writerows(zip((r["id"] for r in te), pred))
print(round(model.score(X, [r["label"] for r in tr]), 3))`,
  check(i) {
    const { test } = classes();
    const out = i.outputs.get("output/predictions.csv");
    if (!out) return fail("output/predictions.csv was not written");
    const got = new Map(records(new TextDecoder().decode(out)).map((r) => [Number(r.id), r.label]));
    const acc = test.filter((p) => got.get(p.id) === p.label).length / test.length;
    return acc >= 0.85
      ? ok(`test accuracy ${(acc * 100).toFixed(1)}%`)
      : fail(`test accuracy ${(acc * 100).toFixed(1)}% < 85%`);
  },
};

export const PACKAGE_TASKS = [lineChart, histogram, barChart, regression, kmeans, classify];
