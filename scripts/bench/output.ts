// npm run bench:output: a cell printing 100 000 lines. Measured in the page with its own clock:
// Enter → the last line is on screen, then → the next animation frame (is the page responsive?),
// the longest main-thread task meanwhile, and "show all" click → the full text painted.
// Baseline in the same run: the same loop printing into an io.StringIO (no output at all).
import type { Page } from "@playwright/test";
import { startStack } from "../harness/stack";
import { launchChromium } from "./browser";
import { row, summarize } from "./stats";

const LOOP = "for i in range(100000): print('line', i)";
const QUIET =
  "import io, contextlib\nwith contextlib.redirect_stdout(io.StringIO()):\n    for i in range(100000): print('line', i)\nprint('quiet done')";

type W = Window & { __bench?: Promise<{ done: number; frame: number; longest: number }>; __end?: Promise<number> };

async function setSource(page: Page, code: string) {
  await page.evaluate((code) => {
    type Ed = { getModel(): { getFullModelRange(): unknown } | null; executeEdits(s: string, e: unknown[]): void };
    const ed = (window as unknown as { monaco: { editor: { getEditors(): Ed[] } } }).monaco.editor.getEditors()[0]!;
    ed.executeEdits("bench", [{ range: ed.getModel()!.getFullModelRange(), text: code }]);
  }, code);
  await page.waitForTimeout(300); // the edit reaches the document (and a run takes the new source)
}

/** Runs the cell; resolves with ms from Enter to `until` text in the outputs (or the run's end). */
async function runOnce(page: Page, code: string, until: string | null) {
  await setSource(page, code);
  await page.evaluate((until) => {
    const cell = document.querySelector('[data-testid="cell"]')!;
    (window as W).__bench = new Promise((resolve, reject) => {
      let t0 = 0;
      let longest = 0;
      const tasks = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      });
      tasks.observe({ type: "longtask" });
      const keys = new AbortController();
      document.addEventListener(
        "keydown",
        (e) => {
          if (e.key !== "Enter") return;
          t0 = performance.now();
          keys.abort();
        },
        { capture: true, signal: keys.signal },
      );
      setTimeout(() => reject(new Error("not done within 120 s")), 120_000);
      let started = false;
      (window as W).__end = new Promise<number>((resolveEnd) => {
        const ends = new MutationObserver(() => {
          const phase = cell.getAttribute("data-phase");
          if (t0 && started && phase !== "running" && phase !== "queued") {
            ends.disconnect();
            resolveEnd(performance.now() - t0);
          }
        });
        ends.observe(cell, { attributes: true });
      });
      const obs: MutationObserver = new MutationObserver(() => {
        if (!t0) return;
        const phase = cell.getAttribute("data-phase");
        if (phase === "running" || phase === "queued") started = true;
        const finished =
          until === null
            ? started && phase !== "running" && phase !== "queued"
            : (cell.querySelector('[data-testid="output-stdout"]')?.textContent ?? "").includes(until);
        if (!finished) return;
        obs.disconnect();
        const done = performance.now() - t0;
        requestAnimationFrame(() => {
          const frame = performance.now() - t0 - done;
          tasks.disconnect();
          resolve({ done, frame, longest });
        });
      });
      obs.observe(cell, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }, until);
  await page.locator('[data-testid="cell"] .monaco-editor').first().click();
  await page.keyboard.press("Control+Enter");
  const r = await page.evaluate(() => (window as W).__bench!);
  const end = await page.evaluate(() => (window as W).__end!);
  await page.waitForFunction(
    () => !/running|queued/.test(document.querySelector('[data-testid="cell"]')!.getAttribute("data-phase") ?? ""),
  );
  return { ...r, end };
}

async function showAll(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="show-all-output"]')!;
        const t0 = performance.now();
        button.click();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }),
  );
}

const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const stack = await startStack({
  port: Number(process.env.BENCH_PORT ?? 3291),
  secret: "bench-secret-0123456789abcdef0123456789",
});
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(stack.url);
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.waitForURL(/\/notebooks\//);
  await page.locator('[data-testid="kernel-status"][data-state="ready"]').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as { monaco?: unknown }).monaco !== undefined, undefined, {
    timeout: 60_000,
  });
  const quiet: number[] = [];
  const done: number[] = [];
  const frame: number[] = [];
  const longest: number[] = [];
  const expand: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < repeats; i++) {
    quiet.push((await runOnce(page, QUIET, "quiet done")).done);
    const r = await runOnce(page, LOOP, "line 99999");
    done.push(r.done);
    end.push(r.end);
    frame.push(r.frame);
    longest.push(r.longest);
    expand.push(await showAll(page));
  }
  console.log(`\n== output benchmark: 100 000 printed lines (${new Date().toISOString()}, ${repeats} repeats) ==`);
  console.log(row("baseline: same loop into io.StringIO (run)", summarize(quiet)));
  console.log(row("Enter → last line on screen", summarize(done)));
  console.log(row("… then → next animation frame", summarize(frame)));
  console.log(row("Enter → the run has ended (outputs saved)", summarize(end)));
  console.log(row("longest main-thread task during the run", summarize(longest)));
  console.log(row("'show all' (1.1 MB) → painted", summarize(expand)));
  const ratio = summarize(done).p50 / summarize(quiet).p50;
  console.log(`ratio p50 (printed / baseline): ${ratio.toFixed(2)}×`);
} finally {
  await browser.close();
  await stack.stop();
}
process.exit(0);
