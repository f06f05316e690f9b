import { expect, test } from "@playwright/test";
import { NotebookPage } from "./pages/notebook-page";

// Regression: the editor used to apply the stale echo of the person's own text in a passive
// effect (after paint), deleting keys typed in between. A busy main thread widens that window.
test("fast typing on a busy page keeps every key", async ({ page }) => {
  test.setTimeout(120_000); // typing hundreds of keys into a deliberately busy page is slow on a loaded machine
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  await nb.cell(0).locator(".monaco-editor").first().click();
  const text = Array.from({ length: 20 }, (_, i) => `value${i} = ${i} * 2`).join(" ");
  await page.evaluate(() => {
    setInterval(() => {
      const t = performance.now();
      while (performance.now() - t < 30);
    }, 40);
  });
  await page.keyboard.type(text, { delay: 0 });
  await expect.poll(() => nb.editorValue(0), { timeout: 30_000 }).toBe(text);
});
