// Rich output of objects the cell defines itself (the real libraries are not loadable here):
// the richest MIME type wins, HTML/SVG cannot run script in the app, ANSI colours render, and
// 100 000 printed lines arrive collapsed with "show all" while the page stays usable.
import { expect, test } from "@playwright/test";
import { NotebookPage } from "./pages/notebook-page";

const OBJECTS = `
import base64
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
class Both:
    def _repr_png_(self): return PNG
    def _repr_html_(self): return "<b id='rich'>html wins</b><script>parent.document.title = 'pwned'</script><img src=x onerror=\\"parent.document.title='pwned'\\">"
class Md:
    def _repr_markdown_(self): return "## from markdown"
class Svg:
    def _repr_svg_(self): return "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><script>parent.document.title='pwned'</script><rect width='10' height='10'/></svg>"
class Png:
    def _repr_png_(self): return PNG
class Js:
    def _repr_json_(self): return {"answer": 42}
for o in (Both(), Md(), Svg(), Png(), Js()):
    display(o)
print("\\x1b[31mred\\x1b[0m plain \\x1b[1;32mbold green\\x1b[0m")
`;

test.describe("rich output", () => {
  test("picks the richest MIME type, sandboxes HTML and SVG, renders ANSI colours, collapses 100 000 lines", async ({
    page,
  }) => {
    const nb = await NotebookPage.create(page);
    await nb.waitForKernel();
    const title = await page.title();
    await nb.execute(0, OBJECTS);
    const shown = nb.cell(0).getByTestId("output-display");
    await expect(shown).toHaveCount(5);
    // HTML beats PNG; it renders sanitized in its own shadow root.
    await expect(shown.nth(0)).toHaveAttribute("data-html-output", "");
    await expect(shown.nth(0).locator("#rich")).toHaveText("html wins");
    await expect(nb.cell(0).getByRole("heading", { name: "from markdown" })).toBeVisible();
    await expect(shown.nth(2)).toHaveAttribute("src", /^data:image\/svg\+xml/);
    await expect(shown.nth(3)).toHaveAttribute("src", /^data:image\/png;base64,iVBORw0KGgo/);
    await expect(shown.nth(4)).toContainText('"answer": 42');
    const red = nb.cell(0).getByTestId("output-stdout").locator("span[data-ansi]").first();
    await expect(red).toHaveText("red");
    await expect(red).toHaveCSS("color", "rgb(185, 28, 28)");
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("red plain bold green\n");
    expect(await page.title()).toBe(title); // no script from the outputs ran in the app

    // 100 000 lines: collapsed to head and tail, and the page still answers.
    await nb.execute(0, "for i in range(100000):\n    print('line', i)");
    const out = nb.cell(0).getByTestId("output-stdout");
    await expect(out).toContainText("line 0\n");
    await expect(out).toContainText("line 99999\n");
    await expect(out).not.toContainText("line 50000\n");
    await expect(nb.cell(0).getByTestId("show-all-output")).toContainText("1,088,890 characters");
    await expect(page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(1))))).resolves.toBe(1);
    await nb.cell(0).getByTestId("show-all-output").click();
    await expect(out).toContainText("line 50000\n");
    await page.screenshot({ path: "test-results/screens/rich-output.png" });
  });
});
