// Small things people expect: a favicon, the notebook's title in the tab, human dates with the
// exact time on hover, search on the list page, a title field as wide as its text, and Esc
// closing the share dialog.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createNotebook, shareNotebook } from "./pages/api-notebooks";
import { NotebookPage } from "./pages/notebook-page";

/** Moves a notebook's last change back in time, as if it had been saved that long ago. */
async function backdate(notebookId: string, seconds: number): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE "Notebook" SET "updatedAt" = now() - make_interval(secs => $2) WHERE id = $1`, [
      notebookId,
      seconds,
    ]);
  } finally {
    await client.end();
  }
}

test("favicon: every page names an SVG icon that is served", async ({ page }) => {
  await page.goto("/");
  const icon = page.locator('head link[rel="icon"]');
  await expect(icon).toHaveAttribute("href", /^\/icon\.svg/);
  await expect(icon).toHaveAttribute("type", "image/svg+xml");
  const res = await page.request.get((await icon.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
  expect(await res.text()).toContain("<svg");
});

test("the tab shows the notebook's title and follows a rename", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  await expect(page).toHaveTitle("Untitled notebook · Pylot");
  const title = page.getByLabel("Notebook title");
  await title.fill("Sales forecast");
  await title.press("Enter");
  await expect(page).toHaveTitle("Sales forecast · Pylot");
  // An abandoned edit (Escape) does not rename the tab.
  await title.fill("Not this");
  await title.press("Escape");
  await title.blur();
  await expect(page).toHaveTitle("Sales forecast · Pylot");
  await page.reload();
  await expect(page).toHaveTitle("Sales forecast · Pylot");
  expect(nb.id).toMatch(/[0-9a-f-]{36}/);
});

test("the title field is as wide as its text", async ({ page }) => {
  const nb = await NotebookPage.create(page);
  // The kernel's start-up status is long; once it settles the header's space is stable.
  await nb.waitForKernel();
  const title = page.getByLabel("Notebook title");
  const width = async () => (await title.boundingBox())!.width;
  const showsAll = () => title.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1);
  const initial = await width();
  expect(await showsAll()).toBe(true);

  await title.fill("Quarterly revenue by region, product line and sales channel");
  await expect.poll(width).toBeGreaterThan(initial * 2);
  expect(await showsAll()).toBe(true);

  await title.fill("Q3");
  await expect.poll(width).toBeLessThan(initial / 2);
  expect(await showsAll()).toBe(true);
  // It still never pushes the header past the screen.
  await title.fill("x".repeat(150));
  const header = (await page.locator("header").boundingBox())!;
  expect((await title.boundingBox())!.x + (await width())).toBeLessThanOrEqual(header.x + header.width);
});

test.describe("in the reader's own time zone", () => {
  test.use({ timezoneId: "Asia/Tokyo", locale: "en-US" });

  test("list page: relative dates with the exact time on hover", async ({ page }) => {
    await page.goto("/");
    const recent = await createNotebook(page, "Recent");
    const older = await createNotebook(page, "Older");
    const oldest = await createNotebook(page, "Oldest");
    await backdate(recent.id, 3 * 60 + 20);
    await backdate(older.id, 5 * 3600 + 60);
    await backdate(oldest.id, 40 * 86400);
    await page.reload();
    const row = (id: string) => page.locator(`[data-notebook-id="${id}"] time`);
    await expect(row(recent.id)).toHaveText("edited 3 min ago");
    await expect(row(older.id)).toHaveText("edited 5 hours ago");
    // The hover text is the full date and time, to the second, in the browser's zone (the server's is UTC).
    await expect(row(recent.id)).toHaveAttribute("title", /\d{1,2}:\d{2}:\d{2} [AP]M GMT\+9$/);
    const when = new Date((await row(recent.id).getAttribute("datetime"))!);
    expect(Date.now() - when.getTime()).toBeGreaterThan(3 * 60_000);
    expect(await row(recent.id).getAttribute("title")).toContain(String(when.getFullYear()));
    // A date weeks back is a date, not "40 days ago".
    await expect(row(oldest.id)).not.toContainText("ago");
    await expect(row(oldest.id)).toContainText(String(new Date(Date.now() - 40 * 86_400_000).getFullYear()));
  });
});

test("share page: the saved time reads as relative, exact in UTC on hover", async ({ page, browser }) => {
  await page.goto("/");
  const nb = await createNotebook(page, "Shared two hours ago");
  const url = await shareNotebook(page, nb);
  await backdate(nb.id, 2 * 3600 + 90);
  const reader = await browser.newContext();
  const shared = await reader.newPage();
  await shared.goto(url);
  const saved = shared.getByTestId("shared-saved");
  await expect(saved).toHaveText("saved 2 hours ago");
  await expect(saved).toHaveAttribute("title", / at \d{1,2}:\d{2}:\d{2} [AP]M UTC$/);
  await reader.close();
});

test("list page: search filters by title as you type", async ({ page }) => {
  await page.goto("/");
  for (const title of ["Sales Q1", "sales q2 (draft)", "Churn model"]) await createNotebook(page, title);
  await page.reload();
  const rows = page.getByTestId("notebook-row");
  await expect(rows).toHaveCount(3);
  const search = page.getByRole("searchbox", { name: "Search notebooks" });
  await search.pressSequentially("SAL");
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("notebook-link")).toHaveText(["sales q2 (draft)", "Sales Q1"], { useInnerText: true });
  await search.pressSequentially("es q2");
  await expect(rows).toHaveCount(1);
  await search.fill("zebra");
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("No notebook title contains “zebra”.")).toBeVisible();
  await search.fill("");
  await expect(rows).toHaveCount(3);
});

test("the share dialog closes on Esc", async ({ page }) => {
  await NotebookPage.create(page);
  const share = page.getByRole("button", { name: "Share" });
  await share.click();
  const dialog = page.getByRole("dialog", { name: "Share notebook" });
  await expect(dialog).toBeVisible();
  await expect(share).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(share).toHaveAttribute("aria-expanded", "false");
  // It opens again after closing.
  await share.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Create link" }).focus();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
