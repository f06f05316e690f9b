// Issue 15 item 1 in the real browser: a cell that prints NUL characters (and a lone surrogate)
// has its output saved, back after a reload, exact through the API, and on the share page.
import { expect, test } from "@playwright/test";
import { NotebookPage } from "./pages/notebook-page";
import { csrfHeaders } from "./support/api";
import { kernelReady } from "./support/kernel-ready";

test("a cell printing NUL keeps its output after a reload and on the share page", async ({ page, context }) => {
  test.setTimeout(480_000);
  const nb = await NotebookPage.create(page);
  await kernelReady(nb);
  await nb.execute(0, "print('before' + bytes(2).decode() + 'after')");
  await expect(nb.outputs(0)).toContainText("after");
  await nb.waitSaved();
  await expect(page.getByText(/Could not save outputs/)).toHaveCount(0);

  const headers = await csrfHeaders(context);
  const got = await (await page.request.get(`/api/notebooks/${nb.id}`, { headers })).json();
  expect(got.notebook.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "before\0\0after\n" }]);

  await page.reload();
  await expect(nb.outputs(0)).toContainText("before");
  await expect(nb.outputs(0)).toContainText("after");

  const share = await page.request.post(`/api/notebooks/${nb.id}/shares`, { headers, data: {} });
  expect(share.status()).toBe(201);
  const { token } = await share.json();
  const shared = await page.goto(`/s/${token}`);
  expect(shared?.status()).toBe(200);
  // HTML cannot carry NUL (the parser drops it), so the page shows the text around it.
  await expect(page.getByTestId("output-stdout")).toContainText(/before.*after/);
});
