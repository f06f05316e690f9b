// npm run bench:startup-ab -- <other checkout>: this checkout's notebook page against another
// checkout's build, loads taking turns in the same minutes (two stacks up at once, so machine
// noise hits both alike). Prints min/median/max per side and the median of the pairwise ratios.
// The other checkout needs its own production build (`npx tsx scripts/ensure-build.ts` there).
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { startStack, type Stack } from "../harness/stack";
import { launchChromium } from "./browser";
import { row, summarize } from "./stats";

const other = process.argv[2];
if (!other) {
  console.error("usage: npm run bench:startup-ab -- <path of another checkout with a production build>");
  process.exit(2);
}
const repeats = Number(process.env.BENCH_REPEATS ?? 10);
const warmLoads = Number(process.env.BENCH_WARM_LOADS ?? 3);
// 0 (the default, as in `npm run bench`): reload as soon as Python is ready, while the page still
// loads Monaco. More: let the page settle first, as a person's reload usually does.
const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 0);
const secret = "bench-secret-0123456789abcdef0123456789";

interface Side {
  name: string;
  stack: Stack;
  notebookUrl: string;
  owner: Awaited<ReturnType<BrowserContext["storageState"]>>;
  times: Record<Metric, number[]>;
}
const metrics = [
  "editable cold",
  "first byte cold",
  "last byte cold",
  "HTML parsed cold",
  "FCP after last byte cold",
  "editable warm",
  "first byte warm",
  "last byte warm",
  "FCP warm",
  "FCP after last byte warm",
  "Python ready cold",
  "Python ready warm",
] as const;
type Metric = (typeof metrics)[number];

async function startSide(name: string, root: string | undefined, port: number, browser: Browser): Promise<Side> {
  // The harness reads PYLOT_SERVER_ROOT when it starts a stack: set it for the other side only.
  if (root) process.env.PYLOT_SERVER_ROOT = root;
  else delete process.env.PYLOT_SERVER_ROOT;
  const stack = await startStack({ port, secret });
  delete process.env.PYLOT_SERVER_ROOT;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(stack.url);
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.waitForURL(/\/notebooks\//);
  await page.locator('[data-testid="kernel-status"][data-state="ready"]').waitFor({ timeout: 120_000 });
  const side: Side = {
    name,
    stack,
    notebookUrl: page.url(),
    owner: await context.storageState(),
    times: Object.fromEntries(metrics.map((m) => [m, [] as number[]])) as Side["times"],
  };
  await context.close();
  return side;
}

/** Loads the notebook in the given tab (a warm load reuses the tab, as a person's reload does). */
async function load(page: Page, url: string) {
  await page.goto(url);
  const at = (name: string) =>
    page
      .waitForFunction((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name, { timeout: 120_000 })
      .then((h) => h.jsonValue() as Promise<number>);
  const [editable, fcp, ready] = await Promise.all([
    at("pylot:editor-ready"),
    at("first-contentful-paint"),
    at("pylot:kernel-ready"),
  ]);
  // Where the time before the paint goes: the server's answer, then the page's own work.
  const nav = await page.evaluate(() => {
    const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return {
      firstByte: entry?.responseStart ?? Number.NaN,
      lastByte: entry?.responseEnd ?? Number.NaN,
      parsed: entry?.domInteractive ?? Number.NaN,
    };
  });
  if (settleMs) await page.waitForTimeout(settleMs);
  return { editable, fcp, ready, ...nav };
}

async function measure(browser: Browser, side: Side) {
  const context = await browser.newContext({ storageState: side.owner });
  const page = await context.newPage();
  const cold = await load(page, side.notebookUrl);
  side.times["editable cold"].push(cold.editable);
  side.times["first byte cold"].push(cold.firstByte);
  side.times["last byte cold"].push(cold.lastByte);
  side.times["HTML parsed cold"].push(cold.parsed);
  side.times["FCP after last byte cold"].push(cold.fcp - cold.lastByte);
  side.times["Python ready cold"].push(cold.ready);
  for (let i = 0; i < warmLoads; i++) {
    const warm = await load(page, side.notebookUrl);
    side.times["editable warm"].push(warm.editable);
    side.times["FCP warm"].push(warm.fcp);
    side.times["first byte warm"].push(warm.firstByte);
    side.times["last byte warm"].push(warm.lastByte);
    side.times["FCP after last byte warm"].push(warm.fcp - warm.lastByte);
    side.times["Python ready warm"].push(warm.ready);
  }
  await context.close();
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Percentile bootstrap of the median pairwise ratio: how far this run's noise lets it move. */
function bootstrapMedianInterval(ratios: number[], draws = 2000): [number, number] {
  const medians: number[] = [];
  for (let d = 0; d < draws; d++) {
    const sample = ratios.map(() => ratios[Math.floor(Math.random() * ratios.length)] ?? Number.NaN);
    medians.push(median(sample));
  }
  medians.sort((x, y) => x - y);
  return [medians[Math.floor(draws * 0.025)] ?? Number.NaN, medians[Math.floor(draws * 0.975)] ?? Number.NaN];
}

const browser = await launchChromium();
const mine = await startSide("this", undefined, Number(process.env.BENCH_PORT ?? 3291), browser);
const theirs = await startSide(
  path.basename(path.resolve(other)),
  other,
  Number(process.env.BENCH_PORT ?? 3291) + 1,
  browser,
);
const sides = [mine, theirs];
try {
  for (let i = 0; i < repeats; i++) {
    // Swap who goes first each round so neither side always follows the other.
    for (const side of i % 2 ? [...sides].reverse() : sides) await measure(browser, side);
  }
  console.log(
    `\n== start-up A/B (${new Date().toISOString()}, ${repeats} rounds, ${warmLoads} warm loads each, settle ${settleMs} ms) ==`,
  );
  for (const metric of metrics) {
    for (const side of sides) console.log(row(`${metric}: ${side.name}`, summarize(side.times[metric])));
    const a = mine.times[metric];
    const b = theirs.times[metric];
    const ratios = a.map((v, i) => v / (b[i] ?? Number.NaN));
    const [low, high] = bootstrapMedianInterval(ratios);
    const ofMedians = summarize(a).p50 / summarize(b).p50;
    console.log(
      `  ratio this/other: median of pairs ${median(ratios).toFixed(2)} (95 % interval ${low.toFixed(2)}–${high.toFixed(2)}), of medians ${ofMedians.toFixed(2)}`,
    );
  }
} finally {
  await browser.close();
  for (const side of sides) await side.stack.stop();
}
process.exit(0);
