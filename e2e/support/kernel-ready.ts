// Waits for Python. A cold start on a loaded machine can exceed the page's own 60 s start-up
// limit once; then the page is reloaded (its assets now cached). A hang detector, not a timing.
import { expect } from "@playwright/test";
import type { NotebookPage } from "../pages/notebook-page";

export async function kernelReady(nb: NotebookPage): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await expect(nb.kernelStatus).toHaveAttribute("data-state", /ready|dead/, { timeout: 120_000 });
    if ((await nb.kernelStatus.getAttribute("data-state")) === "ready") return;
    await nb.page.reload();
  }
  await nb.waitForKernel();
}
