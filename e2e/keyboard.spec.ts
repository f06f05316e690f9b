// JupyterLab's keyboard model: edit mode (the cursor in a cell) and command mode (Esc: the cell
// itself is focused and single keys act on the selection), the run keys moving the cursor, undo
// of deletion, the keyboard sheet, and the page's undo kept away from the notebook title.
import { expect, test } from "@playwright/test";
import { DESKTOP } from "./pages/layout-probe";
import { NotebookPage } from "./pages/notebook-page";

test.use({ viewport: DESKTOP });
// A hang detector: Python's start and several runs and reloads on a loaded 2-core machine.
test.setTimeout(240_000);

test("Shift+Enter runs and puts the cursor in the next cell, on the last cell and on a middle one", async ({
  page,
}) => {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 120_000);
  await nb.setSource(0, "a = 1");
  await nb.press("Shift+Enter");
  // The last cell: a new one is added and what is typed next goes into it.
  await expect(nb.cells).toHaveCount(2);
  await nb.type("b = 2");
  await nb.press("Shift+Enter");
  await expect(nb.cells).toHaveCount(3);
  await nb.type("c = 3");
  expect(await nb.sources()).toEqual(["a = 1", "b = 2", "c = 3"]);
  await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[1]");
  await expect(nb.cell(1).getByTestId("execution-count")).toHaveText("[2]");

  // A middle cell: the cursor leaves the cell just run for the next one (no cell is added).
  await nb.cell(0).locator(".monaco-editor").first().click();
  await nb.press("Shift+Enter");
  await expect(nb.cell(1)).toHaveAttribute("data-selected", "true");
  await nb.press("ControlOrMeta+A");
  await nb.type("b = 5");
  await expect.poll(() => nb.sources()).toEqual(["a = 1", "b = 5", "c = 3"]);
  await expect(nb.cells).toHaveCount(3);
});

test("Ctrl+Enter runs and stays; Alt+Enter runs, inserts a cell below and edits it", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 120_000);
  await nb.setSource(0, "x = 40");
  await nb.press("Control+Enter");
  await nb.waitIdle(0);
  await nb.type(" + 2");
  await expect.poll(() => nb.editorValue(0)).toBe("x = 40 + 2");
  await expect(nb.cells).toHaveCount(1);

  await nb.press("Alt+Enter");
  await expect(nb.cells).toHaveCount(2);
  await nb.type("x");
  await expect.poll(() => nb.editorValue(1)).toBe("x");
  await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[2]");
  await nb.press("Control+Enter");
  await expect(nb.cell(1).getByTestId("output-result")).toHaveText("42");
});

// Regression (found when the suite got faster): an edit still waiting out its 400 ms debounce when
// its cell is deleted left the header on "Saving…" for good.
test("deleting a cell whose edit is not sent yet leaves the header on Saved", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.setSource(0, "keep = 1");
  await nb.commandMode(0);
  await nb.press("b");
  await expect(nb.cell(1)).toBeFocused();
  await nb.press("Enter");
  await nb.type("gone = 2");
  // Within the debounce: Esc, then D, D deletes the cell before its edit is sent.
  await nb.press("Escape", "d", "d");
  await expect(nb.cells).toHaveCount(1);
  await nb.waitSaved();
  await page.reload();
  await expect.poll(() => nb.sources()).toEqual(["keep = 1"]);
});

test("command mode: Esc, A, B, M, Y, DD, Z, C/V, X, arrows and J/K, Shift+↑/↓, Enter", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.setSource(0, "one = 1");
  await nb.commandMode(0);

  // A and B insert above and below, and stay in command mode on the new cell.
  await nb.press("b");
  await expect(nb.cells).toHaveCount(2);
  await expect(nb.cell(1)).toBeFocused();
  await nb.press("a");
  await expect(nb.cells).toHaveCount(3);
  await expect(nb.cell(1)).toBeFocused();
  expect(await nb.sources()).toEqual(["one = 1", "", ""]);

  // Enter edits the selected cell; Esc leaves it.
  await nb.press("Enter");
  await nb.type("two = 2");
  await nb.press("Escape");
  await expect(nb.cell(1)).toBeFocused();
  await nb.press("j", "Enter");
  await nb.type("three = 3");
  await nb.press("Escape");
  expect(await nb.sources()).toEqual(["one = 1", "two = 2", "three = 3"]);

  // ↑/K and ↓/J move the selection.
  await nb.press("ArrowUp");
  await expect(nb.cell(1)).toBeFocused();
  await nb.press("k");
  await expect(nb.cell(0)).toBeFocused();
  await nb.press("ArrowDown");
  await expect(nb.cell(1)).toHaveAttribute("data-selected", "true");

  // M and Y change the kind.
  await nb.press("m");
  await expect(nb.cell(1)).toHaveAttribute("data-kind", "markdown");
  await nb.press("y");
  await expect(nb.cell(1)).toHaveAttribute("data-kind", "code");

  // D, D deletes; Z brings it back in place.
  await nb.press("d", "d");
  await expect(nb.cells).toHaveCount(2);
  expect(await nb.sources()).toEqual(["one = 1", "three = 3"]);
  await expect(nb.cell(1)).toBeFocused();
  await nb.press("z");
  await expect(nb.cells).toHaveCount(3);
  await expect.poll(() => nb.sources()).toEqual(["one = 1", "two = 2", "three = 3"]);
  // A single D does nothing.
  await nb.press("d", "j");
  await expect(nb.cells).toHaveCount(3);

  // C/V copies the selected cell below; X cuts.
  await nb.press("k", "k", "c", "j", "j", "v");
  await expect(nb.cells).toHaveCount(4);
  await expect.poll(() => nb.sources()).toEqual(["one = 1", "two = 2", "three = 3", "one = 1"]);
  await expect(nb.cell(3)).toBeFocused();
  await nb.press("x");
  await expect(nb.cells).toHaveCount(3);
  await nb.press("k", "k", "Shift+V");
  await expect.poll(() => nb.sources()).toEqual(["one = 1", "one = 1", "two = 2", "three = 3"]);

  // Shift+↓ extends the selection; D, D deletes both; Z restores both.
  await nb.press("j", "Shift+ArrowDown");
  await expect(nb.cell(1)).toHaveAttribute("data-selected", "range");
  await expect(nb.cell(2)).toHaveAttribute("data-selected", "true");
  await nb.press("Shift+ArrowUp", "Shift+ArrowUp");
  await expect(nb.cell(0)).toHaveAttribute("data-selected", "true");
  await expect(nb.cell(1)).toHaveAttribute("data-selected", "range");
  await expect(nb.cell(2)).not.toHaveAttribute("data-selected", /./);
  await nb.press("d", "d");
  await expect.poll(() => nb.sources()).toEqual(["two = 2", "three = 3"]);
  await nb.press("z");
  await expect.poll(() => nb.sources()).toEqual(["one = 1", "one = 1", "two = 2", "three = 3"]);
  // Ctrl+A selects every cell, as in JupyterLab, and not the page's text.
  await nb.press("Control+a");
  for (let i = 0; i < 4; i++) await expect(nb.cell(i)).toHaveAttribute("data-selected", /^(true|range)$/);
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe("");
  await nb.press("k"); // back to one selected cell

  await nb.waitSaved();
  await page.reload();
  await expect.poll(() => nb.sources()).toEqual(["one = 1", "one = 1", "two = 2", "three = 3"]);
});

test("Shift+Enter and Ctrl+Enter in command mode run the selected cell", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 120_000);
  await nb.setSource(0, "print(6 * 7)");
  await nb.commandMode(0);
  await nb.press("Control+Enter");
  await expect(nb.outputs(0)).toContainText("42");
  await expect(nb.cell(0)).toBeFocused();
  await nb.press("Shift+Enter");
  await expect(nb.cells).toHaveCount(2);
  await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[2]");
  await nb.type("y = 1");
  await expect.poll(() => nb.editorValue(1)).toBe("y = 1");
});

test("H and the ⌨ button open the keyboard sheet; Esc closes it", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.commandMode(0);
  await nb.press("h");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText("Shift+Enter");
  await expect(sheet).toContainText("D, D");
  await page.screenshot({ path: "test-results/screens/keyboard-help-1440.png" });
  await nb.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(nb.cell(0)).toBeFocused();
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole("button", { name: "Close" }).click();
  await expect(sheet).toBeHidden();
});

test("the sheet keeps the keyboard when opened right after inserting cells: a late focus cannot take Esc from it", async ({
  page,
}) => {
  const nb = await NotebookPage.create(page);
  await nb.commandMode(0);
  // A and B ask to focus their new cells once they are on the page; H comes before that render.
  await nb.press("a");
  await nb.press("b");
  await nb.press("h");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await expect(nb.cells).toHaveCount(3);
  await expect(sheet.getByRole("button", { name: "Close" })).toBeFocused();
  await nb.press("Escape");
  await expect(sheet).toBeHidden();
  // Command mode works again at once: D, D deletes the selected cell.
  await nb.press("d");
  await nb.press("d");
  await expect(nb.cells).toHaveCount(2);
});

test("a deleted cell comes back with Ctrl+Z or the toast's Undo, with its output", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 120_000);
  await nb.execute(0, "print('kept')");
  await nb.action(0, "Add cell below").click();
  await expect(nb.cells).toHaveCount(2);
  await nb.setSource(1, "second = 2");

  await nb.action(0, "Delete cell").click();
  await expect(nb.cells).toHaveCount(1);
  const toast = page.getByTestId("undo-toast");
  await expect(toast).toContainText("Cell deleted");
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(nb.cells).toHaveCount(2);
  await expect(toast).toBeHidden();
  await expect(nb.outputs(0)).toContainText("kept");
  await expect.poll(() => nb.sources()).toEqual(["print('kept')", "second = 2"]);
  // It shows what it showed before: its execution count and its run's status.
  await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[1]");
  await expect(nb.cell(0).getByTestId("cell-run-time")).toHaveText(/^✓ .* · just now$/);

  // Ctrl+Z outside an editor undoes a deletion too.
  await nb.commandMode(1);
  await nb.press("d", "d");
  await expect(nb.cells).toHaveCount(1);
  await nb.press("ControlOrMeta+z");
  await expect(nb.cells).toHaveCount(2);
  await expect.poll(() => nb.sources()).toEqual(["print('kept')", "second = 2"]);

  await nb.waitSaved();
  await page.reload();
  await expect(nb.cells).toHaveCount(2);
  await expect(nb.outputs(0)).toContainText("kept");
  await expect.poll(() => nb.sources()).toEqual(["print('kept')", "second = 2"]);
});

test("Ctrl+Z outside an editor never rewinds the notebook title", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  const title = page.getByLabel("Notebook title");
  await title.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Sales review", { delay: 20 });
  await page.keyboard.press("Enter"); // saves, leaves the field
  await expect(title).not.toBeFocused();
  await expect(page).toHaveTitle("Sales review · Pylot");

  // Focus on the page's background, then on a cell in command mode: the page's undo must not reach the title.
  await page.mouse.click(100, 850);
  await page.keyboard.press("ControlOrMeta+z");
  await nb.commandMode(0);
  await page.keyboard.press("ControlOrMeta+z");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(title).toHaveValue("Sales review");
  await nb.waitSaved();
  await page.reload();
  await expect(page.getByLabel("Notebook title")).toHaveValue("Sales review");

  // While focused, the field still undoes its own typing.
  await title.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Q3", { delay: 20 });
  await expect(title).toHaveValue("Sales review Q3");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(title).not.toHaveValue("Sales review Q3");
});

// The cells are plain textareas until Monaco loads (it waits for Python, and its files are
// several MB): keys typed there, run keys included, behave as in Monaco and survive its arrival.
test("before Monaco loads: typing and Shift+Enter in the plain editor are kept, and the caret carries over", async ({
  page,
}) => {
  const nb = await NotebookPage.create(page);
  let release!: () => void;
  const monacoHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/monaco/vs/**", async (route) => {
    await monacoHeld;
    await route.continue();
  });
  await page.reload();
  await nb.waitForKernel("ready", 120_000);
  const fallback = (i: number) => nb.cell(i).getByTestId("code-editor-fallback");
  await fallback(0).click();
  await nb.type("a = 40");
  await nb.press("Shift+Enter");
  // Ran, and the cursor moved on into a new cell, still a plain editor.
  await expect(nb.cells).toHaveCount(2);
  await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[1]");
  await expect(fallback(1)).toBeFocused();
  await nb.type("b = a + 2");
  await nb.press("Enter");
  await nb.type("b");
  await nb.press("Shift+Enter");
  await expect(nb.cells).toHaveCount(3);
  await expect(nb.cell(1).getByTestId("output-result")).toHaveText("42");
  // Back in the middle cell: the "2" at the end of its first line selected, from the right.
  await fallback(1).click();
  await nb.press("ControlOrMeta+Home", "End", "Shift+ArrowLeft");
  await expect(nb.cell(0).locator(".monaco-editor")).toHaveCount(0);

  release();
  await expect(nb.cell(1).locator(".monaco-editor")).toBeVisible();
  await expect(fallback(1)).toHaveCount(0);
  // The text is Monaco's now, the focus too, with the selection as it was: typing replaces it,
  // and Shift+← goes on from the same end.
  await expect.poll(() => nb.sources()).toEqual(["a = 40", "b = a + 2\nb", ""]);
  await nb.press("Shift+ArrowLeft");
  await nb.type("3");
  await expect.poll(() => nb.editorValue(1)).toBe("b = a +3\nb");
  await nb.press("Shift+Enter");
  await expect(nb.cell(1).getByTestId("output-result")).toHaveText("43");
  await nb.type("c = 1");
  await expect.poll(() => nb.editorValue(2)).toBe("c = 1");

  await nb.waitSaved();
  await page.unroute("**/monaco/vs/**");
  await page.reload();
  await expect.poll(() => nb.sources()).toEqual(["a = 40", "b = a +3\nb", "c = 1"]);
});

// A new cell waits for the server's answer; keys pressed meanwhile used to land in the cell that had
// the selection. JupyterLab adds cells at once, so its people type "B Enter x" without waiting.
test("keys pressed while a new cell is on its way go to the new cell (B Enter, Shift+Enter)", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 120_000);
  await nb.setSource(0, "a = 1");
  await nb.waitSaved();
  // A slow network: each new cell's request takes 600 ms.
  await page.route("**/api/notebooks/*/cells", async (route) => {
    if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 600));
    await route.continue();
  });

  await nb.commandMode(0);
  await page.keyboard.press("b");
  await page.keyboard.press("Enter");
  await page.keyboard.type("x = 2");
  await expect(nb.cells).toHaveCount(2);
  await expect.poll(() => nb.sources()).toEqual(["a = 1", "x = 2"]);

  // From an editor: Shift+Enter on the last cell, then typing at once.
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("y = 3");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("4");
  await expect(nb.cells).toHaveCount(3);
  await expect.poll(() => nb.sources()).toEqual(["a = 1", "x = 2", "y = 4"]);
  await nb.waitSaved();
  await page.reload();
  await expect.poll(() => nb.sources()).toEqual(["a = 1", "x = 2", "y = 4"]);
});
