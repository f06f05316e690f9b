// Completion in the editor comes from the running interpreter (the kernel's complete.py), not from
// Monaco's word list: `os.pa` offers `os.path`, a dict offers its keys, a variable defined by a cell
// is offered, and while a cell runs the editor says Python is busy instead of waiting behind it.
import { expect, type Page, test } from "@playwright/test";
import { NotebookPage } from "./pages/notebook-page";

/** Clears cell i's editor and types `text` as a person would (Monaco auto-closes brackets and quotes). */
async function typeInto(page: Page, nb: NotebookPage, i: number, text: string) {
  await nb.cell(i).locator(".monaco-editor").first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text, { delay: 40 });
}

const widget = (page: Page) => page.locator(".suggest-widget.visible");
const rows = (page: Page) => widget(page).locator(".monaco-list-row");

/** Opens the suggestions (if typing did not already) and returns their labels. */
async function suggestions(page: Page): Promise<string[]> {
  if (!(await widget(page).isVisible())) await page.keyboard.press("Control+Space");
  await expect(rows(page).first()).toBeVisible();
  return rows(page).evaluateAll((els) => els.map((e) => e.querySelector(".label-name")?.textContent ?? ""));
}

test("completion and hover ask the kernel: modules, dict keys, user variables, and 'busy' while a cell runs", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 150_000); // generous: a loaded machine boots Python slowly
  // Frame stands in for a pandas DataFrame (no pandas offline): its columns are attributes.
  await nb.execute(
    0,
    "import os\nsales = {'north': 1, 'south': 2}\nmy_total = 42\npadding = 0\n" +
      "class Frame:\n    def __init__(self):\n        self.revenue = [1]\n    def plot(self):\n        pass\ndf = Frame()",
  );
  await page.getByRole("button", { name: "+ Code" }).click();
  await expect(nb.cells).toHaveCount(2);
  await nb.cell(1).locator(".monaco-editor").first().waitFor();

  await typeInto(page, nb, 1, "os.pa");
  await expect.poll(() => suggestions(page)).toContain("path");
  const labels = await suggestions(page);
  expect(labels).not.toContain("padding"); // a word of the notebook, not an attribute of os
  expect(labels).toContain("pardir");
  await rows(page)
    .filter({ has: page.locator(".label-name", { hasText: /^path$/ }) })
    .click();
  await expect.poll(() => nb.editorValue(1)).toBe("os.path");
  await page.keyboard.press("Escape");

  await typeInto(page, nb, 1, "sales['");
  await expect.poll(() => suggestions(page)).toEqual(["north", "south"]);
  await page.keyboard.press("Escape");

  await typeInto(page, nb, 1, "df.");
  // Methods read as calls, as in IPython.
  await expect.poll(() => suggestions(page)).toEqual(expect.arrayContaining(["plot()", "revenue"]));
  await page.keyboard.press("Escape");

  await typeInto(page, nb, 1, "my_t");
  await expect.poll(() => suggestions(page)).toEqual(["my_total"]);
  await page.keyboard.press("Escape");

  // Hover asks the kernel too: the signature and the docstring of what is under the pointer.
  await typeInto(page, nb, 1, "os.path.join");
  await page.keyboard.press("Escape");
  // Monaco splits the line into token spans as its grammar sees fit: point at the end of the one holding "join".
  const token = nb.cell(1).locator(".view-line span span", { hasText: /join$/ }).last();
  const box = (await token.boundingBox())!;
  await token.hover({ position: { x: box.width - 4, y: box.height / 2 } });
  const hover = page.locator(".monaco-hover:not(.hidden)");
  await expect(hover).toContainText("join(");
  await expect(hover).toContainText("Join two or more pathname components");
  await page.mouse.move(0, 0);

  // A cell runs: the editor answers at once that Python is busy, and completes again afterwards.
  await nb.setSource(0, "import time\ntime.sleep(6)\nlate_name = 1");
  await nb.run(0);
  await nb.waitForKernel("busy");
  await typeInto(page, nb, 1, "os.");
  await expect(widget(page)).toContainText("Python is busy");
  await page.keyboard.press("Escape");
  await nb.waitIdle(0, 60_000);
  await typeInto(page, nb, 1, "late_");
  await expect.poll(() => suggestions(page)).toEqual(["late_name"]);
});
