// In-page timings, measured with the page's own clock so Playwright's overhead is excluded:
// keypress → output in the DOM for `1+1`, and Interrupt click → cell shows KeyboardInterrupt.
import type { Page } from "@playwright/test";
import { row, summarize } from "./stats";

type W = Window & { __bench?: Promise<number> };

async function typeInto(page: Page, code: string) {
  await page.locator('[data-testid="cell"] .monaco-editor').first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

export async function benchTrivialCell(page: Page, runs: number): Promise<string> {
  await typeInto(page, "1+1");
  const samples: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    await page.evaluate(() => {
      const cell = document.querySelector('[data-testid="cell"]')!;
      const count = cell.querySelector('[data-testid="execution-count"]')!;
      const before = count.textContent;
      (window as W).__bench = new Promise<number>((resolve, reject) => {
        let t0 = 0;
        // Control+Enter sends two keydowns; the clock starts at the Enter. (No named functions
        // in here: tsx would wrap them in a helper that does not exist in the page.)
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
        setTimeout(() => reject(new Error("no output within 10 s")), 10_000);
        const obs = new MutationObserver(() => {
          const out = cell.querySelector('[data-testid="output-result"]');
          const text = count.textContent ?? "";
          if (t0 && out?.textContent === "2" && text !== before && !text.includes("*")) {
            obs.disconnect();
            resolve(performance.now() - t0);
          }
        });
        obs.observe(cell, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    });
    await page.keyboard.press("Control+Enter");
    const ms = await page.evaluate(() => (window as W).__bench!);
    if (i >= 5) samples.push(ms); // first runs warm up the JIT and React
  }
  return row("keypress → `1+1` output in DOM", summarize(samples));
}

export async function benchInterrupt(
  page: Page,
  runs: number,
  code = "while True:\n    pass",
  label = "Interrupt click → `while True: pass` stopped",
): Promise<string> {
  await typeInto(page, code);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.keyboard.press("Control+Enter");
    await page.locator('[data-testid="cell"][data-phase="running"]').waitFor();
    await page.waitForTimeout(50);
    samples.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const cell = document.querySelector('[data-testid="cell"]')!;
            const button = [...document.querySelectorAll("button")].find(
              (b) => b.getAttribute("aria-label") === "Interrupt",
            )!;
            const obs = new MutationObserver(() => {
              if (cell.getAttribute("data-phase") === "interrupted") {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            });
            obs.observe(cell, { attributes: true });
            const t0 = performance.now();
            button.click();
          }),
      ),
    );
    await page.locator('[data-testid="cell"] .monaco-editor').first().click();
  }
  return row(label, summarize(samples));
}
