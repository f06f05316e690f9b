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

// The notebook's cells are plain textareas in the HTML, so a person can type (and press run)
// before the page's JavaScript has hydrated; nothing typed then may be lost.
test("typing and Shift+Enter before hydration are kept and run", async ({ page, browser }) => {
  const nb = await NotebookPage.create(page);
  const url = page.url();
  const early = await browser.newPage({ storageState: await page.context().storageState() });
  let release!: () => void;
  const hydrationHeld = new Promise<void>((resolve) => (release = resolve));
  await early.route("**/_next/static/chunks/*.js", async (route) => {
    await hydrationHeld;
    await route.continue();
  });
  await early.goto(url, { waitUntil: "domcontentloaded" });
  const area = early.getByTestId("code-editor-fallback");
  await area.click();
  await early.keyboard.type("x = 41", { delay: 10 });
  await early.keyboard.press("Enter");
  await early.keyboard.type("print(x + 1)", { delay: 10 });
  await early.keyboard.press("Shift+Enter"); // held by the early script: no newline goes in
  await expect(area).toHaveValue("x = 41\nprint(x + 1)");
  expect(
    await early.evaluate(() => (window as unknown as { __pylotEarlyRunKeys: unknown[] }).__pylotEarlyRunKeys.length),
  ).toBe(1);
  // Still not hydrated: no React handler has seen any of it.
  expect(await early.locator("[data-testid=kernel-status]").getAttribute("data-state")).not.toBe("ready");

  release();
  const nbEarly = new NotebookPage(early);
  await expect(nbEarly.outputs(0)).toContainText("42", { timeout: 60_000 });
  await expect(nbEarly.cells).toHaveCount(2); // Shift+Enter moved on to a new cell
  await nbEarly.waitSaved();
  await early.close();

  await page.reload();
  await expect.poll(() => nb.editorValue(0)).toBe("x = 41\nprint(x + 1)");
  await expect(nb.outputs(0)).toContainText("42");
});
