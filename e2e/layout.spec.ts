// The layout at phone, tablet and desktop sizes: below 900 px the notebook page shows one pane at a
// time (Notebook / Files / Agent) under a header that wraps; the list and share pages fit a phone.
// Each test keeps full-page screenshots in test-results/ (and the report) to look at.
import { expect, test, type Page } from "@playwright/test";
import { createNotebook, fillCell, shareNotebook } from "./pages/api-notebooks";
import { DESKTOP, horizontalScroll, keepScreenshot, overflowingElements, PHONE, TABLET } from "./pages/layout-probe";
import { NotebookPage } from "./pages/notebook-page";

const LONG_LINE = `totals = {${Array.from({ length: 12 }, (_, i) => `"region_${i}": ${i * 1000}`).join(", ")}}`;

async function expectFits(page: Page) {
  expect(await overflowingElements(page)).toEqual([]);
  expect(await horizontalScroll(page)).toBe(0);
}

for (const [name, size] of [
  ["phone", PHONE],
  ["tablet", TABLET],
] as const) {
  test(`${name} ${size.width}×${size.height}: one pane at a time, cells full width, nothing past the edge`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(size);
    const nb = await NotebookPage.create(page);
    await nb.waitForKernel("ready", 120_000); // start-up is slow on a loaded machine, not a check here
    await nb.execute(0, `print("hello from a ${name}")`);
    await expect(nb.outputs(0)).toContainText(`hello from a ${name}`);

    const tabs = page.getByRole("tablist", { name: "Panes" });
    const tab = (label: string) => tabs.getByRole("tab", { name: label });
    const files = page.getByTestId("file-panel");
    const agent = page.getByTestId("agent-panel");
    await expect(tab("Notebook")).toHaveAttribute("aria-selected", "true");
    await expect(files).toBeHidden();
    await expect(agent).toBeHidden();
    const cell = (await nb.cell(0).boundingBox())!;
    expect(cell.width).toBeGreaterThanOrEqual(300);
    expect(cell.x).toBeGreaterThanOrEqual(0);
    expect(cell.x + cell.width).toBeLessThanOrEqual(size.width);
    const header = (await page.locator("header").boundingBox())!;
    expect(header.width).toBeLessThanOrEqual(size.width);
    await expectFits(page);
    await keepScreenshot(page, testInfo, `notebook-${size.width}x${size.height}`);

    await tab("Agent").click();
    await expect(agent).toBeVisible();
    await expect(nb.cell(0)).toBeHidden();
    await expect(files).toBeHidden();
    const panel = (await agent.boundingBox())!;
    expect(panel.width).toBeGreaterThanOrEqual(300);
    // The prompt box is on screen without scrolling the page.
    const prompt = (await agent.getByLabel("Ask the agent").boundingBox())!;
    expect(prompt.y + prompt.height).toBeLessThanOrEqual(size.height);
    await expectFits(page);
    await keepScreenshot(page, testInfo, `agent-${size.width}x${size.height}`);

    await tab("Files").click();
    await expect(files).toBeVisible();
    await expect(agent).toBeHidden();
    await expect(nb.cell(0)).toBeHidden();
    expect((await files.boundingBox())!.width).toBeGreaterThanOrEqual(300);
    await expectFits(page);
    await keepScreenshot(page, testInfo, `files-${size.width}x${size.height}`);

    // Back to the cells: the run's output is still there and the cell still runs.
    await tab("Notebook").click();
    await expect(nb.outputs(0)).toContainText(`hello from a ${name}`);
    await expect(files).toBeHidden();
    await nb.execute(0, "print(6 * 7)");
    await expect(nb.outputs(0)).toContainText("42");

    // The share dialog fits too.
    await page.getByRole("button", { name: "Share" }).click();
    await expect(page.getByRole("dialog", { name: "Share notebook" })).toBeVisible();
    await expectFits(page);
    await keepScreenshot(page, testInfo, `share-dialog-${size.width}x${size.height}`);
  });
}

test("desktop 1440×900: cells, files and agent side by side, no pane tabs", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const nb = await NotebookPage.create(page);
  await nb.setSource(0, 'print("wide")');
  await expect(page.getByRole("tablist", { name: "Panes" })).toBeHidden();
  const files = page.getByTestId("file-panel");
  const agent = page.getByTestId("agent-panel");
  await expect(files).toBeVisible();
  await expect(agent).toBeVisible();
  const cell = (await nb.cell(0).boundingBox())!;
  const side = (await agent.boundingBox())!;
  expect(cell.width).toBeGreaterThanOrEqual(700);
  expect(side.x).toBeGreaterThanOrEqual(cell.x + cell.width); // beside the cells, not over them
  expect(side.y).toBeLessThan(DESKTOP.height);
  // The header is one line.
  expect((await page.locator("header").boundingBox())!.height).toBeLessThan(60);
  await expectFits(page);
  await keepScreenshot(page, testInfo, "notebook-1440x900");
});

test("list page at 390×844: titles readable, nothing past the edge", async ({ page }, testInfo) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await createNotebook(page, "Quarterly revenue by region and product line, 2026 draft");
  await createNotebook(page, "Churn");
  await page.reload();
  const links = page.getByTestId("notebook-link");
  await expect(links.first()).toBeVisible();
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(200);
  }
  await expect(page.getByRole("button", { name: "New notebook" })).toBeInViewport();
  await expectFits(page);
  await keepScreenshot(page, testInfo, "list-390x844");
});

test("share page at 390×844: cells and conversation on screen, long code scrolls in its block", async ({
  page,
  browser,
}, testInfo) => {
  await page.goto("/");
  const nb = await createNotebook(page, "Regional totals with a title long enough to need wrapping");
  await fillCell(page, nb, 0, LONG_LINE, `${"x".repeat(200)}\n`);
  const url = await shareNotebook(page, nb);

  const reader = await browser.newContext({ viewport: PHONE });
  const shared = await reader.newPage();
  await shared.goto(url);
  await expect(shared.getByTestId("shared-cell")).toHaveCount(1);
  const cell = (await shared.getByTestId("shared-cell").boundingBox())!;
  expect(cell.width).toBeGreaterThanOrEqual(300);
  expect(cell.x + cell.width).toBeLessThanOrEqual(PHONE.width);
  const conversation = (await shared.getByRole("heading", { name: "Agent conversation" }).boundingBox())!;
  expect(conversation.x).toBeGreaterThanOrEqual(0);
  expect(conversation.x + conversation.width).toBeLessThanOrEqual(PHONE.width);
  // The long line is still all there, reachable by scrolling its own block.
  const code = shared.getByTestId("shared-code");
  expect(await code.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expectFits(shared);
  await keepScreenshot(shared, testInfo, "share-390x844");
  await reader.close();
});

test("phone: before Monaco loads, a long line wraps inside the plain editor and nothing is cut off", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(PHONE);
  // Hold Monaco back: the page shows the plain textarea it starts with.
  const held: (() => void)[] = [];
  await page.route("**/monaco/vs/**", (route) => {
    held.push(() => void route.continue().catch(() => {}));
  });
  await page.goto("/");
  const api = await createNotebook(page, "wrapping before Monaco");
  await fillCell(page, api, 0, `${LONG_LINE}\nprint(totals)`, "ok");
  await page.goto(`/notebooks/${api.id}`);
  const area = page.getByTestId("code-editor-fallback");
  await expect(area).toHaveValue(/region_11/);
  const fit = await area.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
  // Wider than two lines: the long line wrapped, and the box grew with it.
  expect(fit.client).toBeGreaterThan(4 * 19);
  await keepScreenshot(page, testInfo, "fallback-wrap-390");
  for (const release of held) release();
});
