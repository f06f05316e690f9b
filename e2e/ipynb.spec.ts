// .ipynb from the person's side: import a file on the list page, see it as a notebook, export it
// again and check the download against the official nbformat 4.5 schema; a bad file is explained.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { nbformatErrors } from "../lib/notebook/ipynb/__tests__/ipynb-schema";
import { NotebookPage } from "./pages/notebook-page";

const FIXTURES = fileURLToPath(new URL("../lib/notebook/ipynb/__tests__/fixtures", import.meta.url));

test("import a notebook of every output type, see it, export it valid and equivalent; bad files get a message", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByLabel("Import .ipynb file").setInputFiles(path.join(FIXTURES, "old.v3.ipynb"));
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("nbformat 3");
  await page
    .getByLabel("Import .ipynb file")
    .setInputFiles({ name: "broken.ipynb", mimeType: "application/json", buffer: Buffer.from('{"cells": [') });
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("not valid JSON");
  await expect(page.getByTestId("notebook-row")).toHaveCount(0);

  const file = path.join(FIXTURES, "every-output.v4.5.ipynb");
  await page.getByLabel("Import .ipynb file").setInputFiles(file);
  await page.waitForURL(/\/notebooks\/[0-9a-f-]{36}$/);
  const nb = new NotebookPage(page);
  await expect(nb.cells).toHaveCount(9);
  await expect(page.getByLabel("Notebook title")).toHaveValue("Every output");
  await expect(nb.cell(2).getByTestId("output-stderr")).toHaveText("err\n");
  await expect(nb.cell(3).getByTestId("output-result")).toHaveAttribute("data-html-output", "");
  await expect(nb.cell(4).getByTestId("output-display")).toHaveAttribute("src", /^data:image\/png;base64,/);
  await expect(nb.cell(7).getByTestId("output-error")).toContainText("ZeroDivisionError");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export .ipynb" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("Every output.ipynb");
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(nbformatErrors(exported)).toEqual([]);
  const original = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.cells.map((c: { id: string; cell_type: string }) => `${c.id}:${c.cell_type}`)).toEqual(
    original.cells.map((c: { id: string; cell_type: string }) => `${c.id}:${c.cell_type}`),
  );
  expect(exported.cells[0].attachments).toEqual(original.cells[0].attachments);
  expect(exported.metadata.kernelspec).toEqual(original.metadata.kernelspec);

  // The same file again is a copy the list can tell apart: "(imported)", then "(imported 2)".
  for (const title of ["Every output (imported)", "Every output (imported 2)"]) {
    await page.goto("/");
    await page.getByLabel("Import .ipynb file").setInputFiles(file);
    await page.waitForURL(/\/notebooks\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel("Notebook title")).toHaveValue(title);
  }
});
