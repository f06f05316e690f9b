import { expect, test } from "@playwright/test";
import { FilePanelPage } from "./pages/file-panel";
import { NotebookPage } from "./pages/notebook-page";

test.describe("kernel: a crash is seen, recovered from and reported", () => {
  // The case (sys.setrecursionlimit(10**6) and infinite recursion) no longer kills Python:
  // deep C recursion is a RecursionError (stack-limit.ts) and Python-to-Python calls use no JS
  // stack. A read outside wasm memory (a segfault in C code) is the fatal error it stood for.
  test("fatal error followed by a working cell", async ({ page }) => {
    // Two interpreter starts and a crash: longer than one cell test.
    test.setTimeout(180_000);
    const nb = await NotebookPage.create(page);
    await nb.waitForKernel();
    const files = new FilePanelPage(page);
    await files.upload([{ name: "input.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") }]);
    await files.waitListed("data/input.csv");

    await nb.execute(0, "before = 1\nprint('set')");
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("set\n");
    await expect(nb.cell(0).getByTestId("cell-stale")).toHaveCount(0);

    // Shift+Enter adds cell 1 below; it kills the interpreter.
    await nb.run(0, "Shift+Enter");
    await nb.waitIdle(0);
    await nb.setSource(1, "import ctypes\nprint('before the crash')\nctypes.string_at(2**32 - 16, 64)");
    await nb.run(1);
    await expect(nb.kernelStatus).toContainText("Python crashed: restarting");
    await nb.waitIdle(1, 60_000);
    const crash = nb.cell(1).getByTestId("output-error");
    await expect(crash).toContainText("KernelCrashed");
    await expect(crash).toContainText("variables and imports are gone");
    await expect(nb.cell(1).getByTestId("output-stdout")).toContainText("before the crash");
    await expect(nb.cell(1)).toHaveAttribute("data-phase", "error");
    await nb.waitForKernel("ready", 60_000);
    // Cell 0 ran in the interpreter that is gone.
    await expect(nb.cell(0).getByTestId("cell-stale")).toBeVisible();

    // The next cell runs in a fresh interpreter with the notebook's files back.
    await nb.execute(1, "print(open('data/input.csv').read().splitlines()[1], 'before' in globals())");
    await expect(nb.cell(1).getByTestId("output-stdout")).toHaveText("1,2 False\n");
    await expect(nb.cell(1).getByTestId("execution-count")).toHaveText("[1]");
    await expect(nb.cell(1).getByTestId("cell-stale")).toHaveCount(0);
    await expect(nb.cell(0).getByTestId("cell-stale")).toBeVisible();

    // Re-running the stale cell clears its mark.
    await nb.execute(0, "before = 1\nprint('set')");
    await expect(nb.cell(0).getByTestId("cell-stale")).toHaveCount(0);
  });

  test("a JS callback that raises after its cell ended is shown in the next run; Python keeps its variables", async ({
    page,
  }) => {
    const nb = await NotebookPage.create(page);
    await nb.waitForKernel();
    // A plain lambda is a borrowed proxy: js.setTimeout calls it after it was destroyed.
    await nb.execute(0, "kept = 3\nimport js\njs.setTimeout(lambda: print('never'), 50)");
    await nb.waitIdle(0);
    await page.waitForTimeout(500); // let the timer fire between runs
    await expect(nb.kernelStatus).not.toContainText("crashed");
    await nb.execute(0, "print(kept)");
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("3\n");
    const late = nb.cell(0).getByTestId("output-stderr");
    await expect(late).toContainText("Exception in a callback, after its cell ended");
    await expect(late).toContainText("borrowed proxy was automatically destroyed");
    await expect(nb.cell(0).getByTestId("cell-stale")).toHaveCount(0);
  });

  test("the C stack limit leaves CPython's compiler room: datetime.strptime imports and runs", async ({ page }) => {
    const nb = await NotebookPage.create(page);
    await nb.waitForKernel();
    await nb.execute(0, "from datetime import datetime\nprint(datetime.strptime('March 5, 2024', '%B %d, %Y').date())");
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("2024-03-05\n");
  });

  // The worker's JS stack (about 1 MB in Chromium) is what deep C recursion overflows; running code
  // has a C stack limit small enough that CPython's RecursionError comes first (stack-limit.ts).
  test("json.load of a 100 000-deep document is a RecursionError, and nothing printed before is lost", async ({
    page,
  }) => {
    const nb = await NotebookPage.create(page);
    await nb.waitForKernel();
    await nb.execute(0, "kept = 42\nopen('deep.json', 'w').write('[' * 100_000 + ']' * 100_000)");
    await nb.execute(
      0,
      "import json\nfor i in range(5):\n    print('line', i)\nwith open('deep.json') as f:\n    json.load(f)",
    );
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("line 0\nline 1\nline 2\nline 3\nline 4\n");
    await expect(nb.cell(0).getByTestId("output-error")).toContainText("RecursionError");
    await expect(nb.kernelStatus).toHaveAttribute("data-state", "ready");
    await nb.execute(0, "kept");
    await expect(nb.cell(0).getByTestId("output-result")).toHaveText("42");
    await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[3]");
    // repr of deep data, the other C recursion that overflowed the worker's stack.
    await nb.execute(0, "l = []\nfor _ in range(100_000): l = [l]\nrepr(l)");
    await expect(nb.cell(0).getByTestId("output-error")).toContainText("RecursionError");
    await nb.execute(0, "kept + 1");
    await expect(nb.cell(0).getByTestId("output-result")).toHaveText("43");
  });
});
