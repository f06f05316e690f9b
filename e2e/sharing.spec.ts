// Sharing end to end: the owner creates a link, a reader with no cookie opens it (static HTML from
// the server, read-only, no script at all), downloads a file, sees the owner's next save on reload
// (the page is cached per notebook version), makes a copy; the owner revokes → 404 at once.
import { readFileSync } from "node:fs";
import { expect, test, type Request } from "@playwright/test";
import { AgentPanel, nonce } from "./pages/agent-panel";
import { NotebookPage } from "./pages/notebook-page";
import { insertFile } from "./support/db";

const FIGURE = `import base64
class Figure:
    def _repr_png_(self):
        return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")
class Table:
    def _repr_html_(self):
        return "<table><tr><th>city</th><th>n</th></tr><tr><td>Oslo</td><td>7</td></tr></table>"
display(Figure())
Table()`;

test("share: create, read without a cookie, download, fork, revoke", async ({ page, browser }) => {
  test.setTimeout(180_000); // one story: an agent run, two kernels, a fork; slow on a loaded machine
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  const agent = new AgentPanel(page);
  await agent.ask(`[scenario:code-error-fix] the answer ${nonce()}`);
  await agent.waitDone();
  await expect(nb.cells).toHaveCount(3);
  await nb.execute(0, FIGURE);
  await expect(nb.cell(0).getByTestId("output-display")).toBeVisible();
  await nb.waitSaved();
  await insertFile(nb.id, "data/sales figures.csv", "city,n\nOslo,7\n", "text/csv");

  // The owner creates a link.
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share notebook" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("share-link")).toHaveCount(1);

  // A reader with no cookie at all.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const requested: string[] = [];
  reader.on("request", (r: Request) => requested.push(new URL(r.url()).pathname));
  const res = await reader.goto(url);
  expect(res!.status()).toBe(200);
  const headers = res!.headers();
  expect(headers["x-robots-tag"]).toContain("noindex");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cache-control"]).toBe("private, no-cache");
  expect(headers["content-security-policy"]).toContain("script-src 'none'");
  await expect(reader.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(reader.locator("script")).toHaveCount(0);
  // Revalidation: the same version is a 304 with no body.
  const again = await reader.request.get(url, { headers: { "if-none-match": headers.etag! } });
  expect(again.status()).toBe(304);

  const cells = reader.getByTestId("shared-cell");
  await expect(cells).toHaveCount(3);
  // Code is highlighted on the server; outputs show as in the notebook.
  await expect(cells.nth(0).locator(".hljs .k").first()).toHaveText("import");
  await expect(cells.nth(0).getByTestId("output-display")).toHaveAttribute("src", /^data:image\/png;base64,/);
  await expect(cells.nth(0).getByTestId("output-result").locator("td").first()).toHaveText("Oslo");
  await expect(cells.nth(1).getByTestId("output-error")).toContainText("NameError");
  await expect(cells.nth(2).getByTestId("output-stdout")).toHaveText("42\n");
  // The agent conversation and the files.
  await expect(reader.locator('[data-testid="agent-transcript"] [data-role="assistant"]').last()).toContainText(
    "The answer is 42",
  );
  // Read-only: nothing to edit or run, and no Python or editor was loaded.
  await expect(reader.locator("textarea, .monaco-editor")).toHaveCount(0);
  await expect(reader.getByRole("button", { name: "Run all" })).toHaveCount(0);
  expect(requested.filter((p) => /pyodide|monaco|py-worker/.test(p))).toEqual([]);
  await reader.screenshot({ path: "test-results/screens/share-page.png", fullPage: true });

  const [download] = await Promise.all([
    reader.waitForEvent("download"),
    reader.getByRole("link", { name: "data/sales figures.csv" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("sales figures.csv");
  expect(readFileSync((await download.path())!, "utf8")).toBe("city,n\nOslo,7\n");

  // The owner saves a change: the reader's next load shows it (a new version, a new render).
  await nb.execute(2, "print('saved after sharing')");
  await nb.waitSaved();
  await reader.reload();
  await expect(cells.nth(2).getByTestId("output-stdout")).toHaveText("saved after sharing\n");

  // Make a copy: the reader now owns a notebook with the same cells and outputs.
  await reader.getByRole("button", { name: "Make a copy" }).click();
  await reader.waitForURL(/\/notebooks\/[0-9a-f-]{36}$/);
  const copy = new NotebookPage(reader);
  expect(copy.id).not.toBe(nb.id);
  await expect(copy.cells).toHaveCount(3);
  await expect(copy.cell(2).getByTestId("output-stdout")).toHaveText("saved after sharing\n");
  await expect(reader.getByLabel("Notebook title")).toHaveValue("Copy of Untitled notebook");
  // …and editing the copy leaves the original alone.
  await copy.waitForKernel();
  await copy.execute(2, "print('changed in the copy')");
  await copy.waitSaved();
  await page.reload();
  await expect(nb.cell(2).getByTestId("output-stdout")).toHaveText("saved after sharing\n");

  // The owner revokes: the link is a 404 from the next request on, though its page is cached.
  expect((await reader.request.get(url)).status()).toBe(200);
  await page.getByRole("button", { name: "Share" }).click();
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(dialog.getByTestId("share-link")).toHaveAttribute("data-revoked", "true");
  const gone = await reader.goto(url);
  expect(gone!.status()).toBe(404);
  expect((await reader.request.get(`${url}/files/data/sales%20figures.csv`)).status()).toBe(404);
  await readerContext.close();
});

test("the share dialog lists existing links, copies one again after closing, and revokes each", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000); // three page loads and a reader; slow on a loaded machine
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const nb = await NotebookPage.create(page);
  const share = page.getByRole("button", { name: "Share" });
  const dialog = page.getByRole("dialog", { name: "Share notebook" });
  await share.click();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const first = await dialog.getByTestId("share-url").inputValue();
  await dialog.getByRole("button", { name: "Create link" }).click();
  // The field shows the first link until the second one's request returns (CI read it too early).
  await expect(dialog.getByTestId("share-url")).not.toHaveValue(first);
  const second = await dialog.getByTestId("share-url").inputValue();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // After a reload, both links are listed (newest first) and each can be copied again.
  await page.reload();
  await share.click();
  const links = dialog.getByTestId("share-link");
  await expect(links).toHaveCount(2);
  await links.nth(1).getByRole("button", { name: "Copy link" }).click();
  await expect(links.nth(1).getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await links.nth(0).getByRole("button", { name: "Copy link" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(second);

  // The copied link works for a reader; revoking it removes its copy button and the page.
  const ctx = await browser.newContext();
  const reader = await ctx.newPage();
  expect((await reader.goto(first))!.status()).toBe(200);
  await links.nth(1).getByRole("button", { name: "Revoke" }).click();
  await expect(links.nth(1)).toHaveAttribute("data-revoked", "true");
  await expect(links.nth(1).getByRole("button", { name: "Copy link" })).toHaveCount(0);
  expect((await reader.goto(first))!.status()).toBe(404);
  expect((await reader.goto(second))!.status()).toBe(200);
  await ctx.close();
  await page.reload();
  await share.click();
  await expect(dialog).toBeVisible();
  await expect(links.nth(1)).toHaveAttribute("data-revoked", "true");
  await expect(links.nth(0).getByRole("button", { name: "Copy link" })).toBeVisible();
  expect(nb.id).toMatch(/^[0-9a-f-]{36}$/);
});
