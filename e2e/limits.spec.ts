// Operator limits as a person meets them (issue 14 item 4): the daily budget refuses a run with a
// clear message in the agent panel, and the storage quota refuses an upload with a clear 413 in the
// file panel. These limits would change every other spec, so this one runs its own server on the
// shared database with the limits set.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startServer, type RunningServer } from "../scripts/harness/next-server";
import { AgentPanel } from "./pages/agent-panel";
import { FilePanelPage } from "./pages/file-panel";
import { NotebookPage } from "./pages/notebook-page";
import { E2E_PORT, E2E_SECRET } from "./support/config";
import { kernelReady } from "./support/kernel-ready";

/** Spend the runs of today already recorded on this instance, as the agent records a run's cost. */
async function recordSpend(notebookId: string, costUsd: number): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "AgentRun" (id, "notebookId", "ownerId", prompt, status, model, "costUsd", "createdAt", "finishedAt")
       SELECT gen_random_uuid(), n.id, n."ownerId", 'earlier', 'completed', 'claude-sonnet-5-5', $2,
         now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM "Notebook" n WHERE n.id = $1`,
      [notebookId, costUsd],
    );
  } finally {
    await client.end();
  }
}

test.describe("operator limits", () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    // E2E_PORT + 200 + worker is persistence.spec's; + 300 is the PYLOT_AUTH=required server (global setup).
    const port = E2E_PORT + 400 + test.info().workerIndex;
    server = await startServer(port, {
      ...JSON.parse(process.env.PYLOT_E2E_AGENT_ENV ?? "{}"),
      DATABASE_URL: process.env.DATABASE_URL!,
      PYLOT_SECRET: E2E_SECRET,
      PYLOT_DAILY_BUDGET_USD: "5",
      PYLOT_OWNER_QUOTA_BYTES: "1000",
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("the daily budget refuses a run with a clear message in the agent panel", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      const nb = await NotebookPage.create(page);
      await recordSpend(nb.id, 5);
      const agent = new AgentPanel(page);
      await agent.ask("Count the rows of data/sales.csv");
      await expect(agent.error).toContainText(
        "Today's budget for this Pylot instance ($5.00) is spent; it resets at 00:00 UTC.",
      );
      await page.screenshot({ path: "test-results/screens/daily-budget-refusal.png" });
    } finally {
      await context.close();
    }
  });

  test("the storage quota refuses an upload with a clear 413 in the file panel", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    try {
      // The upload finishes once Python has the file too: wait for Python first (a cold start is slow here).
      await kernelReady(await NotebookPage.create(page));
      const files = new FilePanelPage(page);
      await files.upload([{ name: "small.csv", mimeType: "text/csv", buffer: Buffer.alloc(600, "a") }]);
      await files.waitListed("data/small.csv");
      const refused = page.waitForResponse((r) => r.request().method() === "PUT" && r.url().includes("/big.csv"));
      await files.upload([{ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(700, "b") }]);
      expect((await refused).status()).toBe(413);
      await expect(files.uploadErrors()).toContainText(
        'This file (700 B) does not fit in your storage: 600 B of 1000 B is used, 400 B is free. Delete files or clear cell outputs you no longer need and try again. Your largest: data/small.csv (600 B, in "Untitled notebook").',
      );
      await expect(files.row("data/big.csv")).toHaveCount(0);
      await page.screenshot({ path: "test-results/screens/quota-refusal.png" });
    } finally {
      await context.close();
    }
  });
});
