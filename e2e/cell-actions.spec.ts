// The cell's chrome: one floating bar of actions on the selected (or hovered) cell, duplicate,
// drag to reorder (saved), and the keyboard-accessible move up/down. Screenshots at desktop and
// phone sizes are kept in test-results/ to look at.
import { expect, test } from "@playwright/test";
import { DESKTOP, keepScreenshot, PHONE } from "./pages/layout-probe";
import { NotebookPage } from "./pages/notebook-page";

test.use({ viewport: DESKTOP });
// A hang detector: Python's start and several runs and reloads on a loaded 2-core machine.
test.setTimeout(240_000);

test("actions show on the selected cell only; duplicate copies source and output, and is saved", async ({
  page,
}, testInfo) => {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 120_000);
  await nb.execute(0, "print('twice')");
  await nb.action(0, "Add cell below").click();
  await expect(nb.cells).toHaveCount(2);
  await nb.setSource(1, "z = 1");

  // One bar, on the selected cell; the other cell's bar is hidden until hovered.
  await expect(nb.cell(1)).toHaveAttribute("data-selected", "true");
  const opacity = (i: number) =>
    nb
      .cell(i)
      .getByTestId("cell-actions")
      .evaluate((e) => getComputedStyle(e).opacity);
  await page.mouse.move(5, 5);
  expect(await opacity(1)).toBe("1");
  expect(await opacity(0)).toBe("0");
  // Status stays visible on every cell.
  await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[1]");
  await keepScreenshot(page, testInfo, "cell-chrome-1440x900");

  await nb.action(0, "Duplicate cell").click();
  await expect(nb.cells).toHaveCount(3);
  await expect.poll(() => nb.sources()).toEqual(["print('twice')", "print('twice')", "z = 1"]);
  await expect(nb.outputs(1)).toContainText("twice");
  await expect(nb.cell(1)).toHaveAttribute("data-selected", "true");
  await nb.waitSaved();
  await page.reload();
  await expect.poll(() => nb.sources()).toEqual(["print('twice')", "print('twice')", "z = 1"]);
  await expect(nb.outputs(1)).toContainText("twice");

  await page.setViewportSize(PHONE);
  await nb.cell(1).locator(".monaco-editor").first().click();
  await keepScreenshot(page, testInfo, "cell-chrome-390x844");
  const bar = (await nb.cell(1).getByTestId("cell-actions").boundingBox())!;
  expect(bar.x).toBeGreaterThanOrEqual(0);
  expect(bar.x + bar.width).toBeLessThanOrEqual(PHONE.width);
});

test("drag a cell by its handle to reorder; the order is saved; move up/down still work", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.setSource(0, "a = 1");
  await nb.action(0, "Add cell below").click();
  await nb.setSource(1, "b = 2");
  await nb.action(1, "Add cell below").click();
  await nb.setSource(2, "c = 3");
  await nb.waitSaved();

  // The last cell onto the top half of the first: it goes first.
  await nb.cell(2).hover();
  await nb
    .cell(2)
    .getByRole("button", { name: "Drag to move cell" })
    .dragTo(nb.cell(0), { targetPosition: { x: 200, y: 5 } });
  await expect.poll(() => nb.sources()).toEqual(["c = 3", "a = 1", "b = 2"]);
  // The first onto the bottom half of the last.
  await nb.cell(0).hover();
  const last = (await nb.cell(2).boundingBox())!;
  await nb
    .cell(0)
    .getByRole("button", { name: "Drag to move cell" })
    .dragTo(nb.cell(2), { targetPosition: { x: 200, y: last.height - 5 } });
  await expect.poll(() => nb.sources()).toEqual(["a = 1", "b = 2", "c = 3"]);
  await nb.cell(1).getByRole("button", { name: "Drag to move cell" }).hover();
  await nb
    .cell(1)
    .getByRole("button", { name: "Drag to move cell" })
    .dragTo(nb.cell(0), { targetPosition: { x: 200, y: 5 } });
  await expect.poll(() => nb.sources()).toEqual(["b = 2", "a = 1", "c = 3"]);
  await expect(page.getByTestId("drop-indicator")).toHaveCount(0);
  await nb.waitSaved();
  await page.reload();
  await expect.poll(() => nb.sources()).toEqual(["b = 2", "a = 1", "c = 3"]);

  // The keyboard path stays: the bar's move buttons.
  await nb.cell(2).locator(".monaco-editor").first().click();
  await nb.action(2, "Move cell up").click();
  await expect.poll(() => nb.sources()).toEqual(["b = 2", "c = 3", "a = 1"]);
  await nb.action(1, "Move cell down").focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => nb.sources()).toEqual(["b = 2", "a = 1", "c = 3"]);
});
