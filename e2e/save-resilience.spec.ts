// Issue 15 items 2 and 4 in the real browser, server, database and Pyodide: outputs saved during
// a database outage arrive once it recovers; an edit whose reply was lost is not a conflict; a
// forged "changed files" message from Python cannot replace a data/ file.
import { expect, test } from "@playwright/test";
import { startServer } from "../scripts/harness/next-server";
import { NotebookPage } from "./pages/notebook-page";
import { csrfHeaders } from "./support/api";
import { E2E_PORT, E2E_SECRET } from "./support/config";
import { insertFile } from "./support/db";
import { kernelReady } from "./support/kernel-ready";
import { startTcpProxy } from "./support/tcp-proxy";

test.describe("saves that survive blips", () => {
  test("an output save during a 3 s database outage is stored once the database is back", async ({ browser }) => {
    // A fresh server and browser context start Python cold; on a loaded machine that can exceed
    // the page's own 60 s start-up limit once, so the test allows reloads (a hang detector only).
    test.setTimeout(480_000);
    const db = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy(db.hostname, Number(db.port));
    const viaProxy = new URL(db);
    viaProxy.port = String(proxy.port);
    // Its own server (the shared one keeps its database), on the range persistence.spec uses.
    const port = E2E_PORT + 200 + test.info().workerIndex;
    const server = await startServer(port, { DATABASE_URL: viaProxy.toString(), PYLOT_SECRET: E2E_SECRET });
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      const nb = await NotebookPage.create(page);
      await kernelReady(nb);
      await nb.setSource(0, "print('made during the outage')");
      await nb.waitSaved();

      proxy.cut();
      await nb.run(0);
      await nb.waitIdle(0);
      await expect(nb.outputs(0)).toContainText("made during the outage");
      const indicator = page.getByTestId("save-indicator");
      await expect(indicator).toHaveAttribute("data-state", "offline");
      await expect(indicator).toHaveText("Offline, retrying");
      await page.screenshot({ path: "test-results/screens/outputs-offline-retrying.png" });
      // Closing the tab now would lose the outputs: the browser asks first (dismissed: the tab stays).
      const asked = new Promise<string>((resolve) =>
        page.once("dialog", (d) => {
          resolve(d.type());
          void d.dismiss();
        }),
      );
      await page.close({ runBeforeUnload: true });
      expect(await asked).toBe("beforeunload");
      // The outage lasts 3 s from the cell's end; the page keeps the outputs meanwhile.
      await page.waitForTimeout(3000);
      proxy.restore();
      await expect(indicator).toHaveAttribute("data-state", "saved");

      await page.reload();
      await expect(nb.outputs(0)).toContainText("made during the outage");
    } finally {
      await context.close();
      await server.stop();
      await proxy.close();
    }
  });

  test("a lost reply on a cell edit is retried without a conflict", async ({ page }) => {
    const nb = await NotebookPage.create(page);
    let dropped = 0;
    // The first save reaches the server and is applied; its reply never reaches the page.
    await page.route(/\/api\/notebooks\/[^/]+\/cells\/[^/]+$/, async (route) => {
      if (route.request().method() !== "PATCH" || dropped > 0) return route.continue();
      dropped++;
      const reply = await route.fetch();
      expect(reply.status()).toBe(200);
      await route.abort("connectionreset");
    });
    await nb.setSource(0, "answer = 42");
    await nb.waitSaved();
    expect(dropped).toBe(1);
    await expect(page.getByTestId("conflict-banner")).toHaveCount(0);
    await expect(page.getByTestId("save-indicator")).toHaveAttribute("data-state", "saved");
    // Later edits save on top of it as usual.
    await nb.setSource(0, "answer = 43");
    await nb.waitSaved();
    await page.reload();
    await expect.poll(() => nb.editorValue(0)).toBe("answer = 43");
    await expect(page.getByTestId("conflict-banner")).toHaveCount(0);
  });

  test("a forged data/ save from Python leaves the stored input unchanged", async ({ page, context }) => {
    const nb = await NotebookPage.create(page);
    await insertFile(nb.id, "data/input.csv", "a,b\n1,2\n", "text/csv");
    await page.reload();
    await kernelReady(nb);
    // Python wraps the worker's postMessage and adds data/input.csv to the page's listing of output/.
    await nb.execute(
      0,
      [
        "import js, os",
        "from pyodide.ffi import create_proxy",
        "open('data/input.csv', 'w').write('forged')",
        "os.makedirs('output', exist_ok=True)",
        "open('output/ok.txt', 'w').write('ok')",
        "orig = js.postMessage",
        "def forged(m, *rest):",
        "    if m.type == 'fileList':",
        '        m.files.push(js.JSON.parse(\'{"path": "data/input.csv", "size": 6, "mtimeMs": 1}\'))',
        "    orig(m, *[r for r in rest if r is not None])",
        "js.postMessage = create_proxy(forged)",
        "print('forged')",
      ].join("\n"),
    );
    await expect(nb.outputs(0)).toContainText("forged");
    const headers = await csrfHeaders(context);
    // The honest output is saved; the forged input is not.
    await expect
      .poll(async () => (await page.request.get(`/api/notebooks/${nb.id}/files/output/ok.txt`, { headers })).status())
      .toBe(200);
    const input = await page.request.get(`/api/notebooks/${nb.id}/files/data/input.csv`, { headers });
    expect(await input.text()).toBe("a,b\n1,2\n");
    await expect(page.getByText(/only files under output\/ are saved from Python/)).toBeVisible();
  });
});
