// Issue 15 items 9 and 11 from a person's side: names with bidi controls are shown escaped
// (notebook title, list, file panel, download name, share page); a cell holding U+2029 loads
// without Monaco's native prompt and stays as saved; an imported notebook's markdown attachment,
// its math and its text/latex output render (KaTeX from our origin), with no CSP violation.
import { expect, test, type Page } from "@playwright/test";
import { FilePanelPage } from "./pages/file-panel";
import { NotebookPage } from "./pages/notebook-page";
import { csrfHeaders } from "./support/api";

// A 3×2 PNG (red pixels): naturalWidth 3 once loaded.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==";
const RLO = "\u202e";
const TITLE = `report${RLO}gnp.exe`;
const FILE = `invoice${RLO}fdp.exe.csv`;
const SHOWN_TITLE = "report[U+202E]gnp.exe";
const SHOWN_FILE = "invoice[U+202E]fdp.exe.csv";
const PS_SOURCE = `s = "a\u2029b"\nprint(len(s))\n`;

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { title: TITLE },
  cells: [
    {
      cell_type: "markdown",
      metadata: {},
      source: ["# Attached\n", "![dot](attachment:dot.png)\n", "\n", "Energy $E = mc^2$.\n"],
      attachments: { "dot.png": { "image/png": PNG } },
    },
    {
      cell_type: "code",
      metadata: {},
      execution_count: 1,
      source: PS_SOURCE,
      outputs: [
        {
          output_type: "execute_result",
          execution_count: 1,
          data: { "text/latex": ["$$\\frac{a}{b} + x^{2}$$"], "text/plain": ["a/b + x**2"] },
          metadata: {},
        },
      ],
    },
  ],
};

/** Native dialogs and CSP violations seen by a page (a confirm is accepted, as a person might). */
function watch(page: Page) {
  const dialogs: string[] = [];
  const csp: string[] = [];
  const katexFonts: number[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/katex/fonts/")) katexFonts.push(r.status());
  });
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  return { dialogs, csp, katexFonts };
}

/** Lets the page's idle work (Monaco's contributions run after first render) happen. */
async function settle(page: Page) {
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => requestAnimationFrame(() => r(null)))));
  }
}

async function importNotebook(page: Page): Promise<NotebookPage> {
  await page.goto("/");
  await page.getByLabel("Import .ipynb file").setInputFiles({
    name: "attached.ipynb",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(NOTEBOOK)),
  });
  await page.waitForURL(/\/notebooks\/[0-9a-f-]{36}$/);
  const nb = new NotebookPage(page);
  await expect(nb.cells).toHaveCount(2);
  return nb;
}

async function storedSource(page: Page, id: string, index: number): Promise<string> {
  const res = await page.request.get(`/api/notebooks/${id}`, { headers: await csrfHeaders(page.context()) });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { notebook: { cells: { source: string }[] } }).notebook.cells[index]!.source;
}

const naturalWidth = (img: import("@playwright/test").Locator) =>
  img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0));

test("imported notebook: attachment image, math and text/latex render; U+2029 loads without a prompt; RLO title shown escaped", async ({
  page,
  browser,
}) => {
  // Two Python start-ups (Monaco waits for Python) and a second browser context: a hang detector.
  test.setTimeout(300_000);
  const seen = watch(page);
  const nb = await importNotebook(page);

  // The markdown attachment is an image that loaded, from a data: URL the CSP allows.
  const md = nb.cell(0).getByTestId("markdown-rendered");
  const img = md.locator('img[alt="dot"]');
  await expect(img).toHaveAttribute("src", /^data:image\/png;base64,/);
  await expect.poll(() => naturalWidth(img)).toBe(3);
  // Inline math is KaTeX, styled by its stylesheet (served from our origin).
  const math = md.locator(".katex").first();
  await expect(math).toBeVisible();
  await expect.poll(() => math.evaluate((el) => getComputedStyle(el).fontFamily)).toContain("KaTeX_Main");
  await expect.poll(() => seen.katexFonts.length).toBeGreaterThan(0);
  expect(seen.katexFonts.every((s) => s === 200)).toBe(true);
  // text/latex is rendered by the same KaTeX, not shown as its plain-text fallback.
  const latex = nb.cell(1).getByTestId("output-result");
  await expect(latex.locator(".katex-display .mfrac")).toHaveCount(1);
  await expect(latex).not.toContainText("a/b + x**2");
  await page.screenshot({ path: "test-results/screens/render-as-is-notebook.png" });

  // The code cell's editor mounts Monaco (after Python is up) over a source holding U+2029: no
  // prompt, nothing rewritten.
  await nb.waitForKernel("ready", 120_000);
  await expect(nb.cell(1).locator(".monaco-editor").first()).toBeVisible();
  await settle(page);
  expect(await nb.editorValue(1)).toBe(PS_SOURCE);
  await nb.waitSaved();
  expect(await storedSource(page, nb.id, 1)).toBe(PS_SOURCE);

  // The title's right-to-left override is shown, not applied; editing shows the real text.
  const title = page.getByLabel("Notebook title");
  await expect(title).toHaveValue(SHOWN_TITLE);

  // After a reload, still no prompt and the source is still exactly what was imported.
  await page.reload();
  await nb.waitForKernel("ready", 120_000);
  await expect(nb.cell(1).locator(".monaco-editor").first()).toBeVisible();
  await settle(page);
  await nb.waitSaved();
  expect(await storedSource(page, nb.id, 1)).toBe(PS_SOURCE);
  expect(seen.dialogs).toEqual([]);

  // The list shows the title escaped.
  const id = nb.id;
  await page.goto("/");
  await expect(page.locator(`[data-testid="notebook-row"][data-notebook-id="${id}"]`)).toContainText(SHOWN_TITLE);
  expect(seen.csp).toEqual([]);

  // The share page (server-rendered, no script) renders the same: image, math, latex, escaped title.
  const created = await page.request.post(`/api/notebooks/${id}/shares`, {
    headers: await csrfHeaders(page.context()),
  });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const readerSeen = watch(reader);
  await reader.goto(url);
  await expect(reader.getByTestId("shared-title")).toHaveText(SHOWN_TITLE);
  await expect(reader).toHaveTitle(`${SHOWN_TITLE} · Pylot (shared)`);
  const sharedImg = reader.getByTestId("markdown-rendered").locator('img[alt="dot"]');
  await expect.poll(() => naturalWidth(sharedImg)).toBe(3);
  const sharedMath = reader.getByTestId("markdown-rendered").locator(".katex").first();
  await expect.poll(() => sharedMath.evaluate((el) => getComputedStyle(el).fontFamily)).toContain("KaTeX_Main");
  await expect(reader.getByTestId("output-result").locator(".katex-display .mfrac")).toHaveCount(1);
  await expect.poll(() => readerSeen.katexFonts.length).toBeGreaterThan(0);
  expect(readerSeen.katexFonts.every((s) => s === 200)).toBe(true);
  expect(readerSeen.csp).toEqual([]);
  await reader.screenshot({ path: "test-results/screens/render-as-is-share.png" });
  await readerContext.close();
});

test("a file named with a right-to-left override is shown escaped in the panel, its download name and the share page", async ({
  page,
  browser,
}) => {
  const seen = watch(page);
  const nb = await NotebookPage.create(page);
  test.setTimeout(240_000);
  await nb.waitForKernel("ready", 120_000); // an upload finishes once Python has the file
  const files = new FilePanelPage(page);
  await files.upload([{ name: FILE, mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") }]);
  const path = `data/${FILE}`;
  await files.waitListed(path);
  const row = files.row(path);
  await expect(row.getByRole("button", { name: `Preview data/${SHOWN_FILE}` })).toHaveText(SHOWN_FILE);
  await expect(row).not.toContainText(RLO);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("link", { name: `Download data/${SHOWN_FILE}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(SHOWN_FILE);

  const created = await page.request.post(`/api/notebooks/${nb.id}/shares`, {
    headers: await csrfHeaders(page.context()),
  });
  const { url } = (await created.json()) as { url: string };
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await reader.goto(url);
  const link = reader.getByTestId("shared-files").getByRole("link");
  await expect(link).toHaveText(`data/${SHOWN_FILE}`);
  const shared = await reader.request.get(new URL((await link.getAttribute("href"))!, url).toString());
  expect(shared.status()).toBe(200);
  expect(shared.headers()["content-disposition"]).toContain(`filename="${SHOWN_FILE}"`);
  await readerContext.close();
  expect(seen.dialogs).toEqual([]);
});
