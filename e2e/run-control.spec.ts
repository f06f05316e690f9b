import { expect, type Page, test } from "@playwright/test";
import { NotebookPage } from "./pages/notebook-page";

// Run control as in Jupyter (issue 13, item 3): Interrupt empties the queue, Run all stops at the
// first error, each cell shows its run time, time.sleep is interrupted in place, and Python never
// restarts (losing variables) without asking.

async function notebookWithCells(page: Page, sources: string[]): Promise<NotebookPage> {
  const nb = await NotebookPage.create(page);
  for (let i = 1; i < sources.length; i++) {
    await page.getByRole("button", { name: "+ Code" }).click();
    await expect(nb.cells).toHaveCount(i + 1);
  }
  for (const [i, source] of sources.entries()) await nb.setSource(i, source);
  await nb.waitForKernel();
  return nb;
}

const interruptButton = (page: Page) => page.getByRole("button", { name: "Interrupt" });
const dialog = (page: Page) => page.getByTestId("restart-dialog");

test.describe("run control", () => {
  // Several interpreter starts in some tests, on a shared 2-core machine: a hang detector, not a speed check.
  test.setTimeout(240_000);

  test("Interrupt stops the running cell and cancels the queued ones", async ({ page }) => {
    const nb = await notebookWithCells(page, [
      "print('looping', flush=True)\nwhile True:\n    pass",
      "print('one')",
      "print('two')",
    ]);
    await nb.run(0);
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("looping\n");
    await nb.run(1);
    await nb.run(2);
    await expect(nb.cell(2)).toHaveAttribute("data-phase", "queued");

    await interruptButton(page).click();
    await nb.waitIdle(0);
    await expect(nb.cell(0)).toHaveAttribute("data-phase", "interrupted");
    await expect(nb.cell(0).getByTestId("output-error")).toContainText("KeyboardInterrupt");
    for (const i of [1, 2]) {
      await expect(nb.cell(i)).toHaveAttribute("data-phase", "cancelled");
      await expect(nb.cell(i).getByTestId("cell-run-time")).toHaveText("not run (cancelled)");
      await expect(nb.cell(i).getByTestId("output-stdout")).toHaveCount(0);
    }
    await expect(nb.kernelStatus).toHaveAttribute("data-state", "ready");
  });

  test("Run all stops at the first error; each cell that ran shows its run time and when", async ({ page }) => {
    const nb = await notebookWithCells(page, ["a = 1\nprint('first')", "1 / 0", "print('after')"]);
    await page.getByRole("button", { name: "Run all" }).click();
    await nb.waitIdle(2);
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("first\n");
    await expect(nb.cell(1)).toHaveAttribute("data-phase", "error");
    await expect(nb.cell(1).getByTestId("output-error")).toContainText("ZeroDivisionError");
    await expect(nb.cell(2)).toHaveAttribute("data-phase", "cancelled");
    await expect(nb.cell(2).getByTestId("output-stdout")).toHaveCount(0);

    // "✓ 12 ms · just now", like Colab; the exact time on hover.
    const ok = nb.cell(0).getByTestId("cell-run-time");
    await expect(ok).toHaveAttribute("data-phase", "done");
    await expect(ok).toHaveText(/^✓ \d+(\.\d)? (ms|s) · just now$/);
    await expect(ok.locator("time")).toHaveAttribute("title", /\d{4}/);
    await expect(nb.cell(1).getByTestId("cell-run-time")).toHaveText(/^✗ \d+(\.\d)? (ms|s) · just now$/);
    await expect(nb.cell(2).getByTestId("cell-run-time")).toHaveText("not run (cancelled)");

    // Run all again once the error is fixed: every cell runs.
    await nb.setSource(1, "b = a + 1");
    await page.getByRole("button", { name: "Run all" }).click();
    await nb.waitIdle(2);
    await expect(nb.cell(2).getByTestId("output-stdout")).toHaveText("after\n");
    await expect(nb.cell(2).getByTestId("cell-run-time")).toHaveAttribute("data-phase", "done");
    await page.screenshot({ path: "test-results/screens/run-control-run-all.png", fullPage: true });
  });

  test("Interrupt ends time.sleep in place: the variables are kept and nothing restarts", async ({ page }) => {
    const nb = await notebookWithCells(page, ["kept = 5"]);
    await nb.execute(0, "kept = 5");
    await nb.setSource(0, "import time\nprint('sleeping', flush=True)\ntime.sleep(30)");
    await nb.run(0);
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("sleeping\n");
    await interruptButton(page).click();
    await nb.waitIdle(0);
    await expect(nb.cell(0)).toHaveAttribute("data-phase", "interrupted");
    await expect(nb.cell(0).getByTestId("output-error")).toContainText("KeyboardInterrupt");
    await expect(nb.cell(0).getByTestId("output-error")).not.toContainText("restarted");
    await expect(dialog(page)).toHaveCount(0);
    await expect(nb.cell(0).getByTestId("cell-run-time")).toHaveText(/^■ .* \(interrupted\) · just now$/);

    await nb.execute(0, "kept * 2");
    await expect(nb.cell(0).getByTestId("output-result")).toHaveText("10");
    await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[3]");
  });

  test("Interrupt ends an awaiting cell in place: asyncio.sleep and a never-resolving future", async ({ page }) => {
    const nb = await notebookWithCells(page, ["kept = 5"]);
    await nb.execute(0, "kept = 5");
    for (const [i, wait] of ["await asyncio.sleep(30)", "await asyncio.Future()"].entries()) {
      await nb.setSource(0, `import asyncio\nprint('waiting', flush=True)\n${wait}`);
      await nb.run(0);
      await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("waiting\n");
      await interruptButton(page).click();
      await nb.waitIdle(0);
      await expect(nb.cell(0)).toHaveAttribute("data-phase", "interrupted");
      const error = nb.cell(0).getByTestId("output-error");
      await expect(error).toContainText("KeyboardInterrupt");
      await expect(error).toContainText(`File "<cell-${i + 2}>", line 3`);
      await expect(error).not.toContainText("CancelledError");
      await expect(error).not.toContainText("restarted");
      await expect(dialog(page)).toHaveCount(0);
      await expect(nb.cell(0).getByTestId("cell-run-time")).toHaveText(/^■ .* \(interrupted\) · just now$/);
    }
    await nb.execute(0, "kept * 2");
    await expect(nb.cell(0).getByTestId("output-result")).toHaveText("10");
    await expect(nb.cell(0).getByTestId("execution-count")).toHaveText("[4]");
  });

  test("Restart does not ask when the cells only imported or printed; a busy kernel asks", async ({ page }) => {
    const nb = await notebookWithCells(page, [
      "import math\nfrom json import dumps\nprint(math.pi)",
      "print('hi')\n1 + 1",
    ]);
    await nb.execute(0, "import math\nfrom json import dumps\nprint(math.pi)");
    await nb.execute(1, "print('hi')\n1 + 1");
    await page.getByRole("button", { name: "Restart" }).click();
    await nb.waitForKernel();
    await expect(dialog(page)).toHaveCount(0);
    // The interpreter did restart: the import is gone, and the cells that ran are marked stale.
    await expect(nb.cell(0).getByTestId("cell-stale")).toBeVisible();
    await nb.execute(1, "'math' in globals()");
    await expect(nb.cell(1).getByTestId("output-result")).toHaveText("False");

    // While a cell runs the kernel cannot tell what exists: it asks, in general terms.
    await nb.setSource(0, "import time\nprint('sleeping', flush=True)\ntime.sleep(30)");
    await nb.run(0);
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("sleeping\n");
    await page.getByRole("button", { name: "Restart" }).click();
    await expect(dialog(page)).toBeVisible();
    await expect(dialog(page)).toContainText("Every variable, import and function");
    await dialog(page).getByRole("button", { name: "Cancel" }).click();
    await interruptButton(page).click();
    await nb.waitIdle(0);
  });

  test("Restart asks first when variables exist; Cancel keeps them, Restart marks the cells stale", async ({
    page,
  }) => {
    const nb = await notebookWithCells(page, ["kept = 5", "print('second')"]);
    // Nothing ran yet: nothing to lose, no question.
    await page.getByRole("button", { name: "Restart" }).click();
    await expect(dialog(page)).toHaveCount(0);
    await nb.waitForKernel();

    await nb.run(0);
    await nb.waitIdle(0);
    await nb.execute(1, "print('second')");

    await page.getByRole("button", { name: "Restart" }).click();
    await expect(dialog(page)).toBeVisible();
    // The kernel names what would be lost: the person's variable, not the print's cell.
    await expect(dialog(page).getByTestId("restart-dialog-names")).toHaveText(/^kept will be lost/);
    await dialog(page).getByRole("button", { name: "Cancel" }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(nb.kernelStatus).toHaveAttribute("data-state", "ready");
    await expect(page.getByTestId("cell-stale")).toHaveCount(0);
    // Esc cancels too.
    await page.getByRole("button", { name: "Restart" }).click();
    await expect(dialog(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog(page)).toHaveCount(0);
    await nb.execute(1, "print(kept)");
    await expect(nb.cell(1).getByTestId("output-stdout")).toHaveText("5\n");
    // Many names: a few are spelled out, the rest counted.
    await nb.execute(1, "df = 1\nmodel = 2\nfor n in 'abcd':\n    globals()['v_' + n] = n");
    await page.getByRole("button", { name: "Restart" }).click();
    await expect(dialog(page).getByTestId("restart-dialog-names")).toHaveText(/^kept, df and 6 more will be lost/);
    await page.keyboard.press("Escape");
    await expect(dialog(page)).toHaveCount(0);

    await page.getByRole("button", { name: "Restart" }).click();
    await dialog(page).getByRole("button", { name: "Restart" }).click();
    await expect(dialog(page)).toHaveCount(0);
    await nb.waitForKernel();
    // Both cells ran in the interpreter that is gone.
    await expect(nb.cell(0).getByTestId("cell-stale")).toBeVisible();
    await expect(nb.cell(1).getByTestId("cell-stale")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/run-control-stale.png", fullPage: true });
    // Running a cell clears its mark; the other stays stale.
    await nb.execute(1, "print('kept' in globals())");
    await expect(nb.cell(1).getByTestId("output-stdout")).toHaveText("False\n");
    await expect(nb.cell(1).getByTestId("cell-stale")).toHaveCount(0);
    await expect(nb.cell(0).getByTestId("cell-stale")).toBeVisible();
  });

  test("a cell that ignores the interrupt: the person is asked before Python restarts", async ({ page }) => {
    const nb = await notebookWithCells(page, ["kept = 1"]);
    await nb.execute(0, "kept = 1");
    // A long loop inside one C call: no bytecode runs, so the interrupt cannot land.
    await nb.setSource(0, "print('summing', flush=True)\nsum(range(10**13))");
    await nb.run(0);
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("summing\n");
    await interruptButton(page).click();
    await expect(dialog(page)).toHaveAttribute("data-reason", "stuck");
    await expect(dialog(page)).toContainText("will be lost");
    await dialog(page).getByRole("button", { name: "Keep waiting" }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(nb.cell(0)).toHaveAttribute("data-phase", "running");

    await interruptButton(page).click();
    await dialog(page).getByRole("button", { name: "Restart Python" }).click();
    await nb.waitIdle(0);
    await expect(nb.cell(0).getByTestId("output-error")).toContainText("KernelRestarted");
    await nb.waitForKernel();
    await nb.execute(0, "'kept' in globals()");
    await expect(nb.cell(0).getByTestId("output-result")).toHaveText("False");
  });
});
