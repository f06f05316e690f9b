// Format conversion between CSV, JSON, SQLite and XML.
import type { EvalTask } from "@/lib/eval/task";
import {
  answerHas,
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

function employees(): string {
  const r = rng(1919);
  const rows: (string | number)[][] = [["id", "name", "department", "salary", "active"]];
  const names = ["Ada", "Brian", "Carla", "Dmitri", "Elif", "Femi", "Gus", "Hana", "Ivo", "Jade", "Kofi", "Lise"];
  for (const [i, n] of names.entries())
    rows.push([
      i + 1,
      `${n} ${String.fromCharCode(65 + i)}.`,
      r.pick(["R&D", "Sales", "Ops, EMEA"]),
      r.num(30000, 120000),
      r.pick(["yes", "no"]),
    ]);
  return toCsv(rows);
}

const csvToJson: EvalTask = {
  id: "conv-csv-to-json",
  category: "conversion",
  packages: [],
  prompt:
    "The data is at ./data/employees.csv. Convert it to ./output/employees.json: a list of objects with the same keys, where id is an integer, salary a number, " +
    'active a boolean ("yes" → true) and the rest strings. How many employees are active?',
  files: () => files({ "data/employees.csv": employees() }),
  reference: py`import csv, json, os
with open("data/employees.csv", newline="") as f:
    rows = list(csv.DictReader(f))
out = [{"id": int(r["id"]), "name": r["name"], "department": r["department"], "salary": float(r["salary"]), "active": r["active"] == "yes"} for r in rows]
os.makedirs("output", exist_ok=True)
json.dump(out, open("output/employees.json", "w"), indent=2)
print(sum(e["active"] for e in out))`,
  check(input) {
    const want = records(inputText(input, "data/employees.csv"));
    const out = outputText(input, "output/employees.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(out) as Record<string, unknown>[];
    if (!Array.isArray(got) || got.length !== want.length) return fail(`expected ${want.length} objects`);
    for (const [i, w] of want.entries()) {
      const g = got[i]!;
      if (
        g.id !== Number(w.id) ||
        g.name !== w.name ||
        g.department !== w.department ||
        typeof g.salary !== "number" ||
        !near(g.salary, Number(w.salary), 1e-9) ||
        g.active !== (w.active === "yes")
      ) {
        return fail(`record ${i + 1}: ${JSON.stringify(g)} does not match ${JSON.stringify(w)} with types`);
      }
    }
    return answerHas(input, want.filter((w) => w.active === "yes").length) ?? ok("records and types correct");
  },
};

function ordersJson() {
  const r = rng(2020);
  const skus = ["A-100", "B-220", "C-310", "D-404", "E-512"];
  return Array.from({ length: 12 }, (_, i) => ({
    id: 5000 + i,
    customer: {
      name: r.pick(["Lund", "Mora", "Nakamura", "Okafor"]),
      address: { city: r.pick(["Bergen", "Cork", "Kyoto", "Lagos"]) },
    },
    items: Array.from({ length: r.int(1, 4) }, () => ({ sku: r.pick(skus), qty: r.int(1, 5), price: r.num(2, 60) })),
  }));
}

const jsonToCsv: EvalTask = {
  id: "conv-json-to-csv",
  category: "conversion",
  packages: [],
  prompt:
    "The data is at ./data/orders.json: a list of orders, each with id, customer {name, address {city}} and items [{sku, qty, price}]. Flatten it to ./output/order_lines.csv with one " +
    "row per item and the columns order_id,customer_name,city,sku,qty,price,line_total (qty × price, 2 decimals), in the original order. What is the grand total of all lines?",
  files: () => files({ "data/orders.json": JSON.stringify(ordersJson(), null, 2) }),
  reference: py`import csv, json, os
orders = json.load(open("data/orders.json"))
os.makedirs("output", exist_ok=True)
total = 0
with open("output/order_lines.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["order_id", "customer_name", "city", "sku", "qty", "price", "line_total"])
    for o in orders:
        for it in o["items"]:
            line = round(it["qty"] * it["price"], 2)
            total += line
            w.writerow([o["id"], o["customer"]["name"], o["customer"]["address"]["city"], it["sku"], it["qty"], it["price"], line])
print(round(total, 2))`,
  check(input) {
    const orders = JSON.parse(inputText(input, "data/orders.json")) as ReturnType<typeof ordersJson>;
    const want = orders.flatMap((o) =>
      o.items.map(
        (it) => [o.id, o.customer.name, o.customer.address.city, it.sku, it.qty, it.price, it.qty * it.price] as const,
      ),
    );
    const out = outputText(input, "output/order_lines.csv");
    if (isFailure(out)) return out;
    const got = records(out);
    if (got.length !== want.length) return fail(`expected ${want.length} lines, got ${got.length}`);
    for (const [i, w] of want.entries()) {
      const g = got[i]!;
      if (
        Number(g.order_id) !== w[0] ||
        g.customer_name !== w[1] ||
        g.city !== w[2] ||
        g.sku !== w[3] ||
        Number(g.qty) !== w[4] ||
        !near(Number(g.price), w[5], 1e-9) ||
        !near(Number(g.line_total), w[6], 0.006)
      ) {
        return fail(`line ${i + 1}: ${JSON.stringify(g)} != ${w.join(",")}`);
      }
    }
    return (
      answerHas(
        input,
        round(
          want.reduce((a, w) => a + w[6], 0),
          2,
        ),
        0.02,
      ) ?? ok("flattened correctly")
    );
  },
};

function products(): string {
  const r = rng(2121);
  const rows: (string | number)[][] = [["id", "name", "category", "price"]];
  for (let i = 1; i <= 30; i++)
    rows.push([i, `Item ${i}`, r.pick(["tools", "garden", "kitchen", "toys"]), r.num(1, 250)]);
  return toCsv(rows);
}

const csvToSqlite: EvalTask = {
  id: "conv-csv-to-sqlite",
  category: "conversion",
  packages: [],
  prompt:
    "The data is at ./data/products.csv (id, name, category, price). Load it into a SQLite database at ./output/shop.db, in a table products(id INTEGER PRIMARY KEY, name TEXT, " +
    "category TEXT, price REAL). Then query it: what is the average price in the kitchen category (2 decimals)?",
  files: () => files({ "data/products.csv": products() }),
  reference: py`import csv, os, sqlite3
os.makedirs("output", exist_ok=True)
con = sqlite3.connect("output/shop.db")
con.execute("CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT, category TEXT, price REAL)")
with open("data/products.csv", newline="") as f:
    con.executemany("INSERT INTO products VALUES (?, ?, ?, ?)", [(int(r["id"]), r["name"], r["category"], float(r["price"])) for r in csv.DictReader(f)])
con.commit()
print(round(con.execute("SELECT avg(price) FROM products WHERE category = 'kitchen'").fetchone()[0], 2))
con.close()`,
  pythonCheck: py`import csv, json, sqlite3, re
want = {int(r["id"]): r for r in csv.DictReader(open("data/products.csv", newline=""))}
try:
    con = sqlite3.connect("file:output/shop.db?mode=ro", uri=True)
    cols = [(c[1], c[2].upper()) for c in con.execute("PRAGMA table_info(products)")]
    rows = {r[0]: r for r in con.execute("SELECT id, name, category, price FROM products")}
except Exception as e:
    print(json.dumps({"pass": False, "reason": f"cannot read output/shop.db: {e}"}))
else:
    bad = [i for i, r in want.items() if i not in rows or rows[i][1] != r["name"] or rows[i][2] != r["category"] or abs(rows[i][3] - float(r["price"])) > 1e-9]
    kitchen = [float(r["price"]) for r in want.values() if r["category"] == "kitchen"]
    avg = round(sum(kitchen) / len(kitchen), 2)
    nums = [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", FINAL_TEXT)]
    if [c[0] for c in cols] != ["id", "name", "category", "price"]:
        print(json.dumps({"pass": False, "reason": f"table products has columns {cols}"}))
    elif bad or len(rows) != len(want):
        print(json.dumps({"pass": False, "reason": f"{len(rows)} rows; wrong or missing ids {bad[:5]}"}))
    elif not any(abs(n - avg) < 0.006 for n in nums):
        print(json.dumps({"pass": False, "reason": f"the final answer does not state the kitchen average {avg}"}))
    else:
        print(json.dumps({"pass": True, "reason": f"{len(rows)} rows in products; kitchen average {avg}"}))`,
};

function shopSql() {
  const r = rng(2222);
  const lines = [
    "CREATE TABLE categories(id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
    "CREATE TABLE sales(id INTEGER PRIMARY KEY, category_id INTEGER REFERENCES categories(id), amount REAL, refunded INTEGER DEFAULT 0);",
  ];
  const cats = ["books", "music", "games", "film"];
  for (const [i, c] of cats.entries()) lines.push(`INSERT INTO categories VALUES (${i + 1}, '${c}');`);
  const sales: { cat: string; amount: number; refunded: number }[] = [];
  for (let i = 1; i <= 60; i++) {
    const c = r.int(1, 4);
    const amount = r.num(3, 80);
    const refunded = r.next() < 0.15 ? 1 : 0;
    sales.push({ cat: cats[c - 1]!, amount, refunded });
    lines.push(`INSERT INTO sales VALUES (${i}, ${c}, ${amount}, ${refunded});`);
  }
  return { sql: `${lines.join("\n")}\n`, sales };
}

const sqlReport: EvalTask = {
  id: "conv-sql-dump-report",
  category: "conversion",
  packages: [],
  prompt:
    "The data is at ./data/shop.sql, a SQL dump (CREATE TABLE and INSERT statements). Load it into an SQLite database and compute the revenue per category name, leaving out " +
    "refunded sales (refunded = 1). Save ./output/category_revenue.csv with columns category,revenue (2 decimals) sorted by revenue descending. Which category earns the most?",
  files: () => files({ "data/shop.sql": shopSql().sql }),
  reference: py`import csv, os, sqlite3
con = sqlite3.connect(":memory:")
con.executescript(open("data/shop.sql").read())
rows = con.execute("SELECT c.name, round(sum(s.amount), 2) AS revenue FROM sales s JOIN categories c ON c.id = s.category_id WHERE s.refunded = 0 GROUP BY c.name ORDER BY revenue DESC").fetchall()
os.makedirs("output", exist_ok=True)
with open("output/category_revenue.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["category", "revenue"])
    w.writerows(rows)
print(rows[0][0])`,
  check(input) {
    const totals = new Map<string, number>();
    for (const s of shopSql().sales) if (!s.refunded) totals.set(s.cat, (totals.get(s.cat) ?? 0) + s.amount);
    const want = [...totals].sort((a, b) => b[1] - a[1]);
    const out = outputText(input, "output/category_revenue.csv");
    if (isFailure(out)) return out;
    const got = records(out);
    if (got.length !== want.length) return fail(`expected ${want.length} categories, got ${got.length}`);
    for (const [i, [c, v]] of want.entries())
      if (got[i]!.category !== c || !near(Number(got[i]!.revenue), v, 0.011))
        return fail(`row ${i + 1}: expected ${c},${round(v, 2)}, got ${got[i]!.category},${got[i]!.revenue}`);
    return new RegExp(`\\b${want[0]![0]}\\b`, "i").test(input.finalText)
      ? ok("revenue per category correct")
      : fail(`the final answer does not name ${want[0]![0]}`);
  },
};

function catalogXml() {
  const r = rng(2323);
  const authors = ["Le Guin", "Borges", "Calvino", "Lem", "Tokarczuk", "Achebe"];
  const books = Array.from({ length: 14 }, (_, i) => ({
    id: `bk${101 + i}`,
    title: `Volume ${i + 1}: ${r.pick(["Rivers", "Cities", "Stars", "Maps", "Glass"])} & ${r.pick(["Salt", "Ash", "Rain"])}`,
    author: r.pick(authors),
    year: r.int(1950, 2020),
    price: r.num(5, 40),
  }));
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<catalog>\n${books
    .map(
      (b) =>
        `  <book id="${b.id}">\n    <title>${esc(b.title)}</title>\n    <author>${b.author}</author>\n    <year>${b.year}</year>\n    <price currency="EUR">${b.price}</price>\n  </book>`,
    )
    .join("\n")}\n</catalog>\n`;
  return { xml, books };
}

const xmlToCsv: EvalTask = {
  id: "conv-xml-to-csv",
  category: "conversion",
  packages: [],
  prompt:
    "The data is at ./data/catalog.xml (a <catalog> of <book id=…> elements with title, author, year and price). Convert it to ./output/books.csv with columns " +
    "id,title,author,year,price, sorted by year and then id. Which book (id) is the oldest?",
  files: () => files({ "data/catalog.xml": catalogXml().xml }),
  reference: py`import csv, os
import xml.etree.ElementTree as ET
books = [{"id": b.get("id"), "title": b.findtext("title"), "author": b.findtext("author"), "year": int(b.findtext("year")), "price": float(b.findtext("price"))}
         for b in ET.parse("data/catalog.xml").getroot().iter("book")]
books.sort(key=lambda b: (b["year"], b["id"]))
os.makedirs("output", exist_ok=True)
with open("output/books.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["id", "title", "author", "year", "price"])
    w.writeheader()
    w.writerows(books)
print(books[0]["id"])`,
  check(input) {
    const want = [...catalogXml().books].sort((a, b) => a.year - b.year || (a.id < b.id ? -1 : 1));
    const out = outputText(input, "output/books.csv");
    if (isFailure(out)) return out;
    const got = records(out);
    if (got.length !== want.length) return fail(`expected ${want.length} books, got ${got.length}`);
    for (const [i, w] of want.entries()) {
      const g = got[i]!;
      if (
        g.id !== w.id ||
        g.title !== w.title ||
        g.author !== w.author ||
        Number(g.year) !== w.year ||
        !near(Number(g.price), w.price, 1e-9)
      )
        return fail(`row ${i + 1}: ${JSON.stringify(g)} != ${JSON.stringify(w)}`);
    }
    return input.finalText.includes(want[0]!.id)
      ? ok("catalog converted")
      : fail(`the final answer does not name ${want[0]!.id}`);
  },
};

function stock(): string {
  const r = rng(2424);
  const rows: (string | number)[][] = [["sku", "name", "qty", "location"]];
  for (let i = 1; i <= 15; i++)
    rows.push([
      `SKU-${String(i).padStart(3, "0")}`,
      r.pick(["Bolt <M6>", "Nut & washer", "Hinge", 'Bracket "L"', "Spring"]),
      r.int(0, 500),
      r.pick(["A1", "B2", "C3"]),
    ]);
  return toCsv(rows);
}

const csvToXml: EvalTask = {
  id: "conv-csv-to-xml",
  category: "conversion",
  packages: [],
  prompt:
    'The data is at ./data/stock.csv (sku, name, qty, location). Write it as XML to ./output/stock.xml: a root <inventory> with one <item sku="…"> per row (in order), containing ' +
    "<name>, <qty> and <location> elements. The file must be well-formed XML (escape special characters). What is the total quantity?",
  files: () => files({ "data/stock.csv": stock() }),
  reference: py`import csv, os
import xml.etree.ElementTree as ET
root = ET.Element("inventory")
total = 0
with open("data/stock.csv", newline="") as f:
    for r in csv.DictReader(f):
        item = ET.SubElement(root, "item", sku=r["sku"])
        for k in ("name", "qty", "location"):
            ET.SubElement(item, k).text = r[k]
        total += int(r["qty"])
os.makedirs("output", exist_ok=True)
ET.ElementTree(root).write("output/stock.xml", encoding="utf-8", xml_declaration=True)
print(total)`,
  pythonCheck: py`import csv, json, re
import xml.etree.ElementTree as ET
want = list(csv.DictReader(open("data/stock.csv", newline="")))
try:
    root = ET.parse("output/stock.xml").getroot()
except Exception as e:
    print(json.dumps({"pass": False, "reason": f"output/stock.xml is not well-formed XML: {e}"}))
else:
    items = root.findall("item")
    got = [{"sku": i.get("sku"), "name": i.findtext("name"), "qty": (i.findtext("qty") or "").strip(), "location": i.findtext("location")} for i in items]
    total = sum(int(r["qty"]) for r in want)
    nums = [int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", FINAL_TEXT)]
    if root.tag != "inventory":
        print(json.dumps({"pass": False, "reason": f"root is <{root.tag}>"}))
    elif got != [{k: r[k] for k in ("sku", "name", "qty", "location")} for r in want]:
        print(json.dumps({"pass": False, "reason": f"items differ from the CSV ({len(items)} items)"}))
    elif total not in nums:
        print(json.dumps({"pass": False, "reason": f"the final answer does not state the total {total}"}))
    else:
        print(json.dumps({"pass": True, "reason": f"{len(items)} items, total {total}"}))`,
};

export const CONVERSION_TASKS = [csvToJson, jsonToCsv, csvToSqlite, sqlReport, xmlToCsv, csvToXml];
