// CSV cleaning and aggregation.
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
  toCsv,
} from "./helpers";

const REGIONS = ["North", "South", "East", "West", "Central"];
const PRODUCTS = ["Widget", "Gadget", "Doohickey", "Gizmo", "Sprocket", "Thingamajig", "Whatsit"];

function salesCsv(): string {
  const r = rng(101);
  const rows: (string | number)[][] = [["date", "region", "product", "units", "unit_price"]];
  for (let i = 0; i < 80; i++) {
    rows.push([
      `2024-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
      r.pick(REGIONS),
      r.pick(PRODUCTS),
      r.int(1, 40),
      r.num(2, 90),
    ]);
  }
  return toCsv(rows);
}

const salesByRegion: EvalTask = {
  id: "csv-sales-by-region",
  category: "csv",
  packages: [],
  prompt:
    "The data is at ./data/sales.csv (one row per sale: date, region, product, units, unit_price). Compute the total revenue (units × unit_price) per region, " +
    "rounded to 2 decimals, and save it to ./output/region_totals.csv with the columns region,revenue sorted by revenue, highest first. Which region has the highest revenue?",
  files: () => files({ "data/sales.csv": salesCsv() }),
  reference: py`import csv, os
totals = {}
with open("data/sales.csv", newline="") as f:
    for row in csv.DictReader(f):
        totals[row["region"]] = totals.get(row["region"], 0) + int(row["units"]) * float(row["unit_price"])
os.makedirs("output", exist_ok=True)
ranked = sorted(totals.items(), key=lambda kv: -kv[1])
with open("output/region_totals.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["region", "revenue"])
    for region, revenue in ranked:
        w.writerow([region, round(revenue, 2)])
print(ranked[0][0])`,
  check(input) {
    const totals = new Map<string, number>();
    for (const row of records(inputText(input, "data/sales.csv")))
      totals.set(row.region!, (totals.get(row.region!) ?? 0) + Number(row.units) * Number(row.unit_price));
    const expected = [...totals].sort((a, b) => b[1] - a[1]);
    const text = outputText(input, "output/region_totals.csv");
    if (isFailure(text)) return text;
    const got = records(text);
    if (got.length !== expected.length) return fail(`expected ${expected.length} regions, got ${got.length}`);
    for (const [i, [region, revenue]] of expected.entries()) {
      if (got[i]!.region !== region || !near(Number(got[i]!.revenue), revenue, 0.011))
        return fail(`row ${i + 1}: expected ${region},${revenue.toFixed(2)}, got ${got[i]!.region},${got[i]!.revenue}`);
    }
    return answerNames(input, expected[0]![0]) ?? ok("totals, order and top region correct");
  },
};

function inventoryCsv(): string {
  const r = rng(202);
  const rows: string[][] = [["id", "name", "price", "qty"]];
  for (let i = 1; i <= 40; i++) {
    const p = r.next();
    const price = p < 0.12 ? "" : p < 0.2 ? "N/A" : String(r.num(1, 500));
    const qty = r.next() < 0.15 ? "" : String(r.int(0, 99));
    rows.push([String(i), `${r.pick(PRODUCTS)} ${i}`, price, qty]);
  }
  return toCsv(rows);
}

const cleanMissing: EvalTask = {
  id: "csv-clean-missing",
  category: "csv",
  packages: [],
  prompt:
    'The data is at ./data/inventory.csv (id, name, price, qty). Some prices are empty or "N/A" and some quantities are empty. Drop the rows without a price, ' +
    "fill a missing qty with 0, and save the result with the same columns and row order to ./output/inventory_clean.csv. How many rows are left?",
  files: () => files({ "data/inventory.csv": inventoryCsv() }),
  reference: py`import csv, os
with open("data/inventory.csv", newline="") as f:
    rows = list(csv.DictReader(f))
kept = []
for row in rows:
    if row["price"].strip() in ("", "N/A"):
        continue
    if row["qty"].strip() == "":
        row["qty"] = "0"
    kept.append(row)
os.makedirs("output", exist_ok=True)
with open("output/inventory_clean.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["id", "name", "price", "qty"])
    w.writeheader()
    w.writerows(kept)
print(len(kept))`,
  check(input) {
    const expected = records(inputText(input, "data/inventory.csv"))
      .filter((r) => r.price !== "" && r.price !== "N/A")
      .map((r): Record<string, string> => ({ ...r, qty: r.qty === "" ? "0" : r.qty! }));
    const text = outputText(input, "output/inventory_clean.csv");
    if (isFailure(text)) return text;
    const got = records(text);
    if (got.length !== expected.length) return fail(`expected ${expected.length} rows, got ${got.length}`);
    for (const [i, e] of expected.entries()) {
      const g = got[i]!;
      if (g.id !== e.id || Number(g.qty) !== Number(e.qty) || !near(Number(g.price), Number(e.price), 1e-9))
        return fail(`row ${i + 1} differs: expected ${JSON.stringify(e)}, got ${JSON.stringify(g)}`);
    }
    return answerHas(input, expected.length) ?? ok(`${expected.length} rows kept, quantities filled`);
  },
};

function customersCsv(): string {
  const r = rng(303);
  const first = [
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Eva",
    "Finn",
    "Gia",
    "Hugo",
    "Ines",
    "Jon",
    "Kai",
    "Lena",
    "Milo",
    "Nora",
    "Omar",
  ];
  const rows: string[][] = [["customer_id", "name", "email", "signup"]];
  const people = first.map((n, i) => ({ name: n, email: `${n.toLowerCase()}.${i}@example.com` }));
  let id = 1;
  for (let i = 0; i < 32; i++) {
    const p = r.pick(people);
    const variant = r.next() < 0.3 ? `  ${p.email.toUpperCase()} ` : p.email;
    rows.push([String(id++), p.name, variant, `2024-0${r.int(1, 9)}-1${r.int(0, 9)}`]);
  }
  return toCsv(rows);
}

const dedupe: EvalTask = {
  id: "csv-dedupe-emails",
  category: "csv",
  packages: [],
  prompt:
    "The data is at ./data/customers.csv. Some customers signed up more than once: the same email, possibly with different capitalisation or surrounding spaces. " +
    "Keep only the first row for each email (compare emails trimmed and lowercased, and write them that way), keep the original order and columns, and save it to " +
    "./output/customers_unique.csv. How many duplicate rows did you remove?",
  files: () => files({ "data/customers.csv": customersCsv() }),
  reference: py`import csv, os
seen, kept = set(), []
with open("data/customers.csv", newline="") as f:
    reader = csv.DictReader(f)
    fields = reader.fieldnames
    rows = list(reader)
for row in rows:
    key = row["email"].strip().lower()
    if key in seen:
        continue
    seen.add(key)
    row["email"] = key
    kept.append(row)
os.makedirs("output", exist_ok=True)
with open("output/customers_unique.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields)
    w.writeheader()
    w.writerows(kept)
print(len(rows) - len(kept))`,
  check(input) {
    const rows = records(inputText(input, "data/customers.csv"));
    const seen = new Set<string>();
    const kept = rows.filter((r) => {
      const k = r.email!.trim().toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const text = outputText(input, "output/customers_unique.csv");
    if (isFailure(text)) return text;
    const got = records(text);
    const ids = got.map((g) => g.customer_id).join(",");
    if (ids !== kept.map((k) => k.customer_id).join(","))
      return fail(`kept ids ${ids}, expected ${kept.map((k) => k.customer_id).join(",")}`);
    if (got.some((g) => g.email !== g.email!.trim().toLowerCase())) return fail("emails are not normalised");
    return answerHas(input, rows.length - kept.length) ?? ok(`${rows.length - kept.length} duplicates removed`);
  },
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function ordersWithDates(): { csv: string; iso: string[]; amounts: number[] } {
  const r = rng(404);
  const rows: string[][] = [["order_id", "date", "amount"]];
  const iso: string[] = [];
  const amounts: number[] = [];
  for (let i = 1; i <= 45; i++) {
    const m = r.int(1, 6);
    const d = r.int(1, 28);
    const mm = String(m).padStart(2, "0");
    const dd = String(d).padStart(2, "0");
    const style = r.int(0, 2);
    const shown = style === 0 ? `2024-${mm}-${dd}` : style === 1 ? `${dd}/${mm}/2024` : `${MONTHS[m - 1]} ${d}, 2024`;
    const amount = r.num(5, 300);
    rows.push([`A${1000 + i}`, shown, String(amount)]);
    iso.push(`2024-${mm}-${dd}`);
    amounts.push(amount);
  }
  return { csv: toCsv(rows), iso, amounts };
}

const normalizeDates: EvalTask = {
  id: "csv-normalize-dates",
  category: "csv",
  packages: [],
  prompt:
    'The data is at ./data/orders.csv. Its date column mixes three formats: 2024-03-05, 05/03/2024 (day/month/year) and "March 5, 2024". Rewrite every date as ' +
    "YYYY-MM-DD and save the table (same columns and order) to ./output/orders_iso.csv. What is the total amount of the orders placed in March 2024?",
  files: () => files({ "data/orders.csv": ordersWithDates().csv }),
  reference: py`import csv, os
from datetime import datetime
def parse(s):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%B %d, %Y"):
        try:
            return datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            pass
    raise ValueError(s)
with open("data/orders.csv", newline="") as f:
    rows = list(csv.DictReader(f))
march = 0.0
for row in rows:
    d = parse(row["date"])
    row["date"] = d.isoformat()
    if d.year == 2024 and d.month == 3:
        march += float(row["amount"])
os.makedirs("output", exist_ok=True)
with open("output/orders_iso.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["order_id", "date", "amount"])
    w.writeheader()
    w.writerows(rows)
print(round(march, 2))`,
  check(input) {
    const { iso, amounts } = ordersWithDates();
    const text = outputText(input, "output/orders_iso.csv");
    if (isFailure(text)) return text;
    const got = records(text);
    if (got.length !== iso.length) return fail(`expected ${iso.length} rows, got ${got.length}`);
    const bad = got.findIndex((g, i) => g.date !== iso[i]);
    if (bad >= 0) return fail(`row ${bad + 1}: expected ${iso[bad]}, got ${got[bad]!.date}`);
    const march = iso.reduce((s, d, i) => (d.startsWith("2024-03") ? s + amounts[i]! : s), 0);
    return answerHas(input, Math.round(march * 100) / 100, 0.011) ?? ok("all dates ISO; March total correct");
  },
};

function transactionsCsv(): string {
  const r = rng(505);
  const cats = ["groceries", "rent", "transport", "fun", "utilities"];
  const rows: string[][] = [["date", "category", "amount"]];
  for (let i = 0; i < 120; i++)
    rows.push([
      `2023-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
      r.pick(cats),
      String(r.num(3, 400)),
    ]);
  return toCsv(rows);
}

const monthlyPivot: EvalTask = {
  id: "csv-monthly-pivot",
  category: "csv",
  packages: [],
  prompt:
    "The data is at ./data/transactions.csv (date, category, amount). Build a pivot table of total amount per month and category: one row per month (YYYY-MM, ascending), " +
    "one column per category (alphabetical), 0 where there is nothing, values rounded to 2 decimals, first column named month. Save it to ./output/monthly_pivot.csv. Which month had the highest total spend?",
  files: () => files({ "data/transactions.csv": transactionsCsv() }),
  reference: py`import csv, os
from collections import defaultdict
table = defaultdict(lambda: defaultdict(float))
cats = set()
with open("data/transactions.csv", newline="") as f:
    for row in csv.DictReader(f):
        m = row["date"][:7]
        table[m][row["category"]] += float(row["amount"])
        cats.add(row["category"])
cats = sorted(cats)
os.makedirs("output", exist_ok=True)
with open("output/monthly_pivot.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["month"] + cats)
    for m in sorted(table):
        w.writerow([m] + [round(table[m][c], 2) for c in cats])
print(max(table, key=lambda m: sum(table[m].values())))`,
  check(input) {
    const rows = records(inputText(input, "data/transactions.csv"));
    const cats = [...new Set(rows.map((r) => r.category!))].sort();
    const months = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const m = r.date!.slice(0, 7);
      const row = months.get(m) ?? new Map<string, number>();
      row.set(r.category!, (row.get(r.category!) ?? 0) + Number(r.amount));
      months.set(m, row);
    }
    const text = outputText(input, "output/monthly_pivot.csv");
    if (isFailure(text)) return text;
    const got = records(text);
    const sorted = [...months.keys()].sort();
    if (got.map((g) => g.month).join() !== sorted.join())
      return fail(`months ${got.map((g) => g.month).join()} != ${sorted.join()}`);
    for (const g of got)
      for (const c of cats)
        if (!near(Number(g[c] ?? NaN), months.get(g.month!)!.get(c) ?? 0, 0.011))
          return fail(`${g.month} ${c}: got ${g[c]}`);
    const top = sorted.reduce((a, b) =>
      [...months.get(b)!.values()].reduce((x, y) => x + y, 0) > [...months.get(a)!.values()].reduce((x, y) => x + y, 0)
        ? b
        : a,
    );
    return answerNames(input, top) ?? ok("pivot correct; top month named");
  },
};

function joinFiles() {
  const r = rng(606);
  const names = [
    "Acme Ltd",
    "Birch & Co",
    "Cobalt Inc",
    "Delta Foods",
    "Echo Media",
    "Fjord AS",
    "Granite LLC",
    "Harbor Tech",
  ];
  const customers: string[][] = [["customer_id", "name", "city"]];
  for (const [i, n] of names.entries()) customers.push([`C${i + 1}`, n, r.pick(["Oslo", "Lyon", "Porto", "Graz"])]);
  const orders: string[][] = [["order_id", "customer_id", "amount"]];
  for (let i = 1; i <= 50; i++) orders.push([String(i), `C${r.int(1, names.length - 1)}`, String(r.num(10, 900))]);
  return { customers: toCsv(customers), orders: toCsv(orders) };
}

const joinSpend: EvalTask = {
  id: "csv-join-spend",
  category: "csv",
  packages: [],
  prompt:
    "The data is at ./data/customers.csv (customer_id, name, city) and ./data/orders.csv (order_id, customer_id, amount). Compute each customer's total spend " +
    "(customers without orders have 0), rounded to 2 decimals, and save ./output/spend_by_customer.csv with columns name,total_spent sorted by total_spent descending. Who spent the most?",
  files: () => {
    const j = joinFiles();
    return files({ "data/customers.csv": j.customers, "data/orders.csv": j.orders });
  },
  reference: py`import csv, os
with open("data/customers.csv", newline="") as f:
    customers = list(csv.DictReader(f))
spend = {c["customer_id"]: 0.0 for c in customers}
with open("data/orders.csv", newline="") as f:
    for o in csv.DictReader(f):
        spend[o["customer_id"]] += float(o["amount"])
rows = sorted(((c["name"], round(spend[c["customer_id"]], 2)) for c in customers), key=lambda r: -r[1])
os.makedirs("output", exist_ok=True)
with open("output/spend_by_customer.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "total_spent"])
    w.writerows(rows)
print(rows[0][0])`,
  check(input) {
    const customers = records(inputText(input, "data/customers.csv"));
    const spend = new Map(customers.map((c) => [c.customer_id!, 0]));
    for (const o of records(inputText(input, "data/orders.csv")))
      spend.set(o.customer_id!, spend.get(o.customer_id!)! + Number(o.amount));
    const expected = customers
      .map((c) => ({ name: c.name!, total: spend.get(c.customer_id!)! }))
      .sort((a, b) => b.total - a.total);
    const text = outputText(input, "output/spend_by_customer.csv");
    if (isFailure(text)) return text;
    const got = records(text);
    if (got.length !== expected.length)
      return fail(`expected ${expected.length} customers (incl. those with 0), got ${got.length}`);
    for (const [i, e] of expected.entries())
      if (got[i]!.name !== e.name || !near(Number(got[i]!.total_spent), e.total, 0.011))
        return fail(
          `row ${i + 1}: expected ${e.name},${e.total.toFixed(2)}, got ${got[i]!.name},${got[i]!.total_spent}`,
        );
    return answerNames(input, expected[0]!.name) ?? ok("join and totals correct");
  },
};

const topProducts: EvalTask = {
  id: "csv-top-products",
  category: "csv",
  packages: [],
  prompt:
    "The data is at ./data/sales.csv. Find the 5 products with the most units sold in total and save them to ./output/top5.json as a JSON list of objects " +
    '{"product": name, "units": total}, most units first. Which product sold the most units?',
  files: () => files({ "data/sales.csv": salesCsv() }),
  reference: py`import csv, json, os
from collections import Counter
units = Counter()
with open("data/sales.csv", newline="") as f:
    for row in csv.DictReader(f):
        units[row["product"]] += int(row["units"])
top = [{"product": p, "units": u} for p, u in units.most_common(5)]
os.makedirs("output", exist_ok=True)
with open("output/top5.json", "w") as f:
    json.dump(top, f, indent=2)
print(top[0]["product"])`,
  check(input) {
    const units = new Map<string, number>();
    for (const r of records(inputText(input, "data/sales.csv")))
      units.set(r.product!, (units.get(r.product!) ?? 0) + Number(r.units));
    const expected = [...units].sort((a, b) => b[1] - a[1]).slice(0, 5);
    const text = outputText(input, "output/top5.json");
    if (isFailure(text)) return text;
    const got = JSON.parse(text) as { product: string; units: number }[];
    if (!Array.isArray(got) || got.length !== 5) return fail("top5.json is not a list of 5");
    for (const [i, [p, u]] of expected.entries())
      if (got[i]?.product !== p || got[i]?.units !== u)
        return fail(`#${i + 1}: expected ${p} ${u}, got ${JSON.stringify(got[i])}`);
    return answerNames(input, expected[0]![0]) ?? ok("top 5 correct");
  },
};

export const CSV_TASKS = [salesByRegion, cleanMissing, dedupe, normalizeDates, monthlyPivot, joinSpend, topProducts];
