import { expect, test } from "@playwright/test";
import { E2E_PORT, E2E_SECRET } from "./support/config";
import { startServer } from "../scripts/harness/next-server";
import { NotebookPage } from "./pages/notebook-page";
import { csrfHeaders } from "./support/api";

test.describe("persistence, ownership and concurrent tabs", () => {
  test("a restarted server shows the same notebook", async ({ browser }) => {
    // Its own range: packages.spec's second server takes E2E_PORT + 100 + worker, and 3300 + worker
    // collided with it (one worker's test then talked to the other's server).
    const port = E2E_PORT + 200 + test.info().workerIndex;
    const env = { DATABASE_URL: process.env.DATABASE_URL!, PYLOT_SECRET: E2E_SECRET };
    let server = await startServer(port, env);
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      const nb = await NotebookPage.create(page);
      await nb.execute(0, "total = sum(range(10))\ntotal");
      await expect(nb.cell(0).getByTestId("output-result")).toHaveText("45");
      await nb.waitSaved();
      const id = nb.id;

      await server.stop();
      server = await startServer(port, env);
      await page.goto(`/notebooks/${id}`);
      await expect(nb.cells).toHaveCount(1);
      await expect(nb.cell(0).getByTestId("output-result")).toHaveText("45");
      await expect(nb.cell(0).locator(".view-lines")).toContainText("total = sum(range(10))");
      await page.screenshot({ path: "test-results/screens/after-server-restart.png", fullPage: true });
    } finally {
      await context.close();
      await server.stop();
    }
  });

  test("another owner cannot see or change a notebook", async ({ page, browser }) => {
    const nb = await NotebookPage.create(page);
    const url = page.url();
    const stranger = await browser.newContext();
    const other = await stranger.newPage();
    await other.goto("/");
    await other.goto(url);
    await expect(other.getByText("This notebook does not exist")).toBeVisible();
    const headers = await csrfHeaders(stranger);
    const api = await other.request.get(`/api/notebooks/${nb.id}`, { headers });
    expect(api.status()).toBe(404);
    const patch = await other.request.patch(`/api/notebooks/${nb.id}`, { data: { title: "mine now" }, headers });
    expect(patch.status()).toBe(404);
    expect((await patch.json()).error.message).toMatch(/No such notebook/);
    await stranger.close();
  });

  test("two tabs editing the same cell: the second save is refused and the person chooses", async ({
    page,
    context,
  }) => {
    const nb = await NotebookPage.create(page);
    await nb.setSource(0, "a = 'from tab one'");
    await nb.waitSaved();

    const page2 = await context.newPage();
    await page2.goto(page.url());
    const nb2 = new NotebookPage(page2);
    await nb2.setSource(0, "a = 'from tab two'");
    await nb2.waitSaved();

    // Tab one still believes it has version 2: its next edit conflicts.
    await nb.setSource(0, "a = 'tab one again'");
    await expect(nb.cell(0).getByTestId("conflict-banner")).toBeVisible();
    await expect(nb.cell(0)).toHaveAttribute("data-save-state", "conflict");
    await page.screenshot({ path: "test-results/screens/conflict.png", fullPage: true });
    await nb.cell(0).getByRole("button", { name: "Keep mine" }).click();
    await expect(nb.cell(0).getByTestId("conflict-banner")).toHaveCount(0);
    await nb.waitSaved();

    await page2.reload();
    // The editor's text, whether Monaco has mounted yet or the plain textarea still stands in
    // (Monaco can take longer than an expect timeout to load on a loaded 2-core machine).
    await expect.poll(() => nb2.editorValue(0), { timeout: 60_000 }).toContain("tab one again");
  });

  test("the notebook is editable before Python is ready and runs queue until it is", async ({ page }) => {
    await page.goto("/");
    const { notebook } = await (
      await page.request.post("/api/notebooks", { data: {}, headers: await csrfHeaders(page.context()) })
    ).json();
    // Hold back the worker script (first load, nothing cached) so the kernel is still starting.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/py-worker.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/notebooks/${notebook.id}`);
    const nb = new NotebookPage(page);
    await nb.setSource(0, "print('queued until ready')");
    await expect(nb.kernelStatus).toHaveAttribute("data-state", "starting");
    await nb.run(0);
    await expect(nb.cell(0)).toHaveAttribute("data-phase", "queued");
    await page.screenshot({ path: "test-results/screens/queued-while-starting.png", fullPage: true });
    release();
    await nb.waitIdle(0, 60_000);
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("queued until ready\n");
  });
});

test("Python starts once per page load, after the first paint, in the worker the page started", async ({ page }) => {
  const workers: string[] = [];
  page.on("worker", (w) => {
    if (w.url().endsWith("/py-worker.js")) workers.push(w.url());
  });
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  await page.reload();
  await nb.waitForKernel();
  await nb.execute(0, "21 * 2");
  await expect(nb.cell(0).getByTestId("output-result")).toHaveText("42");
  // One per load: the kernel adopted the page's early worker instead of starting its own.
  expect(workers).toHaveLength(2);
  const marks = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    start: performance.getEntriesByName("pylot:worker-start")[0]?.startTime ?? null,
  }));
  expect(marks.fcp).not.toBeNull();
  // Not before the paint, unless the paint took longer than the wait (1 s; a slow machine).
  expect(marks.start).toBeGreaterThanOrEqual(Math.min(marks.fcp!, 1000));
});

test.describe("API answers bad input with 4xx and a message", () => {
  test("no cookie, malformed JSON, unknown ids, oversized bodies", async ({ page, playwright, baseURL }) => {
    const anon = await playwright.request.newContext({ baseURL });
    const noCookie = await anon.get("/api/notebooks");
    expect(noCookie.status()).toBe(401);
    expect((await noCookie.json()).error.code).toBe("unauthorized");
    await anon.dispose();

    await page.goto("/"); // receives an owner cookie
    const req = page.request;
    const h = await csrfHeaders(page.context());
    const noToken = await req.post("/api/notebooks", { data: {} });
    expect(noToken.status()).toBe(403);
    expect((await noToken.json()).error.message).toMatch(/x-pylot-csrf/);
    const created = await req.post("/api/notebooks", { data: {}, headers: h });
    expect(created.status()).toBe(201);
    const { notebook } = await created.json();

    const malformed = await req.post("/api/notebooks", {
      headers: { ...h, "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/);

    expect((await req.get("/api/notebooks/not-a-uuid", { headers: h })).status()).toBe(404);
    expect((await req.get("/api/notebooks/00000000-0000-4000-8000-000000000000", { headers: h })).status()).toBe(404);
    const badCell = await req.post(`/api/notebooks/${notebook.id}/cells`, {
      data: { index: -1, kind: "python" },
      headers: h,
    });
    expect(badCell.status()).toBe(400);
    const big = await req.patch(`/api/notebooks/${notebook.id}`, {
      data: { title: "x".repeat(2 * 1024 * 1024) },
      headers: h,
    });
    expect(big.status()).toBe(413);
    const crossSite = await req.post("/api/notebooks", { data: {}, headers: { ...h, origin: "https://evil.example" } });
    expect(crossSite.status()).toBe(403);
  });
});
