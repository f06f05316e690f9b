// Output as a person sees it: HTML is never cut off (inline, in its own shadow root) in the notebook
// and on the share page, a wide table scrolls inside its cell, script in HTML never runs, and
// outputs can be cleared per cell and for all cells, which a reload and the share page keep.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { NotebookPage } from "./pages/notebook-page";

// A heading and a 2-row table: the markup the old height guess cut short by its last row.
const HEADED_TABLE = `class Report:
    def _repr_html_(self):
        return "<h2>Quarterly sales</h2><p>Two regions, in thousands.</p><table><tr><th>region</th><th>q1</th></tr><tr><td>north</td><td>10</td></tr><tr><td>south</td><td id='last-cell'>20</td></tr></table>"
Report()`;
const WIDE_TABLE = `class Wide:
    def _repr_html_(self):
        head = "".join(f"<th>column_{i}</th>" for i in range(40))
        rows = "".join("<tr>" + "".join(f"<td>{r * 40 + i}</td>" for i in range(40)) + "</tr>" for r in range(3))
        return f"<table class='dataframe'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
Wide()`;
const PWN = "window.top.__pwned=1;window.__pwned=1;document.title='pwned'";
const SCRIPTED = `class Evil:
    def _repr_html_(self):
        return ${JSON.stringify(`<p id="evil-text">still shown</p><script>${PWN}</script><img src=x onerror="${PWN}"><svg onload="${PWN}"></svg><div style="position:fixed;inset:0" onmouseover="${PWN}">cover</div>`)}
Evil()`;

/** The last row of `output` is on screen and not cut off by its container. */
async function expectLastRowShown(page: Page, output: Locator) {
  const last = output.locator("tr").last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeVisible();
  await expect(last).toBeInViewport({ ratio: 1 });
  const [row, box] = await Promise.all([last.boundingBox(), output.boundingBox()]);
  expect(row!.y + row!.height).toBeLessThanOrEqual(box!.y + box!.height + 0.5);
  // What is drawn at the last row's centre is the row itself, not something covering it.
  const hit = await page.evaluate(
    ({ x, y }) => {
      let el = document.elementFromPoint(x, y);
      while (el?.shadowRoot) {
        const inner = el.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === el) break;
        el = inner;
      }
      return el?.closest("tr")?.textContent ?? el?.tagName;
    },
    { x: row!.x + Math.min(20, row!.width / 2), y: row!.y + row!.height / 2 },
  );
  expect(hit).toContain("south");
}

async function expectNothingRan(page: Page, title: string) {
  await page.waitForTimeout(300); // image errors fire after load
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.title()).toBe(title);
}

test("HTML output: never clipped, wide tables scroll in their cell, no script runs — notebook and share page", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 150_000); // generous: a loaded machine boots Python slowly
  await nb.execute(0, HEADED_TABLE);
  const headed = nb.cell(0).getByTestId("output-result");
  await expect(headed.locator("#last-cell")).toHaveText("20");
  await expectLastRowShown(page, headed);

  await page.getByRole("button", { name: "+ Code" }).click();
  await expect(nb.cells).toHaveCount(2);
  await nb.execute(1, WIDE_TABLE);
  const wide = nb.cell(1).getByTestId("output-result");
  await expect(wide.locator("th").last()).toHaveText("column_39");
  // The table is wider than its cell, but the page is not: the output scrolls sideways.
  const widths = await wide.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.scroll).toBeGreaterThan(widths.client);
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  await wide.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(wide.locator("th").last()).toBeInViewport();

  const title = await page.title();
  await page.getByRole("button", { name: "+ Code" }).click();
  await expect(nb.cells).toHaveCount(3);
  await nb.execute(2, SCRIPTED);
  const evil = nb.cell(2).getByTestId("output-result");
  await expect(evil.locator("#evil-text")).toHaveText("still shown");
  await evil.getByText("cover").hover();
  await expectNothingRan(page, title);
  expect(dialogs).toEqual([]);
  // The fixed-position cover stays inside its output: the toolbar above is still clickable.
  const coverBox = await evil.getByText("cover").boundingBox();
  const evilBox = await evil.boundingBox();
  expect(coverBox!.height).toBeLessThanOrEqual(evilBox!.height + 0.5);
  await nb.waitSaved();

  // The share page, opened by someone else: the same, without any script on the page.
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("button", { name: "Create link" }).click();
  const url = await page.getByTestId("share-url").inputValue();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const reader = await ctx.newPage();
  await reader.goto(url);
  const shared = (i: number) => reader.getByTestId("shared-cell").nth(i).getByTestId("output-result");
  await expect(shared(0).locator("#last-cell")).toHaveText("20");
  await expectLastRowShown(reader, shared(0));
  const sharedWide = await shared(1).evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(sharedWide.scroll).toBeGreaterThan(sharedWide.client);
  expect(sharedWide.page).toBeLessThanOrEqual(sharedWide.viewport);
  await expect(shared(2).locator("#evil-text")).toHaveText("still shown");
  const readerTitle = await reader.title();
  await shared(2).getByText("cover").hover();
  await expectNothingRan(reader, readerTitle);
  await ctx.close();
});

test("clear outputs per cell and for all cells; a reload and the share page show them cleared", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 150_000); // generous: a loaded machine boots Python slowly
  await nb.execute(0, "print('first output')");
  for (const [i, code] of [
    [1, "print('second output')"],
    [2, "print('third output')"],
  ] as const) {
    await page.getByRole("button", { name: "+ Code" }).click();
    await expect(nb.cells).toHaveCount(i + 1);
    await nb.execute(i, code);
  }
  await expect(nb.outputs(2)).toContainText("third output");

  // One cell: the small button on its output.
  await nb.outputs(1).hover();
  await nb.cell(1).getByRole("button", { name: "Clear output" }).click();
  await expect(nb.outputs(1)).toHaveCount(0);
  await expect(nb.outputs(0)).toContainText("first output");
  await nb.waitSaved();
  await page.reload();
  await expect(nb.outputs(0)).toContainText("first output");
  await expect(nb.outputs(1)).toHaveCount(0);
  await expect(nb.outputs(2)).toContainText("third output");

  // All cells, from the toolbar.
  await page.getByRole("button", { name: "Clear all outputs" }).click();
  await expect(page.getByTestId("cell-outputs")).toHaveCount(0);
  await nb.waitSaved();
  await page.reload();
  await expect(nb.cells).toHaveCount(3);
  await expect(page.getByTestId("cell-outputs")).toHaveCount(0);
  await expect(nb.cell(0)).not.toContainText("[1]");

  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("button", { name: "Create link" }).click();
  const url = await page.getByTestId("share-url").inputValue();
  const ctx = await browser.newContext();
  const reader = await ctx.newPage();
  await reader.goto(url);
  await expect(reader.getByTestId("shared-cell")).toHaveCount(3);
  await expect(reader.getByTestId("cell-outputs")).toHaveCount(0);
  await expect(reader.getByTestId("output-stdout")).toHaveCount(0);
  await ctx.close();
});
