// The agent panel follows the run: the prompt shows when sent, the transcript stays on the newest
// event (unless the person scrolled up) and opens at the end, links lead to the cells the agent
// wrote, the approval card shows the code, Stop and failures leave a trace with Retry, a summary
// with the budget stays after the run, the status says when the agent's cell waits for Python,
// "Fix with agent" sends a failing cell, and the mode select fits at every size.
import { expect, test, type Page } from "@playwright/test";
import { fakeAnthropicAdmin } from "./fake-anthropic/admin-client";
import { AgentPanel, nonce } from "./pages/agent-panel";
import { DESKTOP, keepScreenshot, PHONE, TABLET } from "./pages/layout-probe";
import { NotebookPage } from "./pages/notebook-page";

const fake = () => fakeAnthropicAdmin(process.env.FAKE_ANTHROPIC_URL!);

// Python start-up and the agent's streams share two cores with other work: generous time.
test.describe.configure({ timeout: 240_000 });

async function openNotebook(page: Page) {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel("ready", 120_000);
  return { nb, agent: new AgentPanel(page) };
}

/** A first cell taller than the screen, so that a cell added after it starts off screen. */
const TALL_CELL = Array.from({ length: 60 }, (_, i) => `x${i} = ${i}`).join("\n");

test("the prompt shows when sent; the transcript stays on the newest text unless scrolled up, and reopens at the end", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { agent } = await openNotebook(page);
  const id = nonce();
  await agent.ask(`[scenario:slow-stream chunks=700 delay=20] write a lot ${id}`);
  // Shown at once, while the run is still going.
  await expect(agent.pendingText()).toContainText(id);
  await expect(agent.progress).toBeVisible();

  // Once the answer overflows the transcript, the view follows it to the end.
  await expect.poll(() => agent.transcript.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(200);
  await expect.poll(() => agent.distanceFromEnd()).toBeLessThanOrEqual(24);

  // Scrolled up: it stays where the person put it while text keeps coming.
  await agent.transcript.evaluate((el) => {
    el.scrollTop = 0;
  });
  const height = await agent.transcript.evaluate((el) => el.scrollHeight);
  await expect.poll(() => agent.transcript.evaluate((el) => el.scrollHeight)).toBeGreaterThan(height + 100);
  expect(await agent.transcript.evaluate((el) => el.scrollTop)).toBe(0);
  await keepScreenshot(page, testInfo, "agent-scrolled-up-1440");

  // "Latest" pins it again, and the final answer ends in view.
  await agent.root.getByRole("button", { name: /Latest/ }).click();
  await agent.waitDone();
  await expect(agent.assistantTexts().last()).toContainText("word700");
  await expect.poll(() => agent.distanceFromEnd()).toBeLessThanOrEqual(24);

  // The run's summary stays: steps, tokens, cost against the run's budget, time.
  await expect(agent.summary).toHaveText(/^Done · 1 step · [\d,]+ tokens · \$\d+\.\d{4} of \$2\.00 budget · [\d.]+ s$/);

  await page.reload();
  await expect(agent.assistantTexts().last()).toContainText("word700");
  expect(await agent.transcript.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(200);
  await expect.poll(() => agent.distanceFromEnd()).toBeLessThanOrEqual(24);
  await expect(agent.summary).toContainText("of $2.00 budget");
  await keepScreenshot(page, testInfo, "agent-after-reload-1440");
});

test("the agent's cells come into view as written, and each (wrote a cell) link scrolls to its cell", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { nb, agent } = await openNotebook(page);
  await nb.setSource(0, TALL_CELL);
  await page.evaluate(() => window.scrollTo(0, 0));
  const id = nonce();
  await agent.ask(`[scenario:code-error-fix delay=40] compute ${id}`);
  // The first agent cell scrolls into view while its code streams in.
  await expect(nb.cell(1)).toBeInViewport();
  await agent.waitDone();
  await expect(nb.cells).toHaveCount(3);

  const links = agent.root.getByTestId("agent-cell-link");
  await expect(links).toHaveCount(2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(nb.cell(1)).not.toBeInViewport();
  await links.first().click();
  await expect(nb.cell(1)).toBeInViewport();
  await expect(nb.cell(1)).toHaveAttribute("data-agent-highlight", "true");
  await keepScreenshot(page, testInfo, "agent-cell-link-1440");

  // After a reload the links still find the cells (by their code).
  await page.reload();
  await expect(links).toHaveCount(2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await links.last().click();
  await expect(nb.cell(2)).toBeInViewport();
});

test("the approval card shows the code with Run, Edit and Skip", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { nb, agent } = await openNotebook(page);
  const id = nonce();
  await agent.ask(`[scenario:code-error-fix] compute ${id}`, "approve");
  await expect(agent.approval.getByTestId("agent-approval-code")).toHaveText("print(undefined_name)");
  for (const name of ["Run", "Edit", "Skip"])
    await expect(agent.approval.getByRole("button", { name, exact: true })).toBeVisible();
  await keepScreenshot(page, testInfo, "agent-approval-1440");

  // Edit puts the cursor in the cell; the card shows the code as edited.
  await agent.approval.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(nb.cell(1)).toBeInViewport();
  expect(await nb.cell(1).evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await nb.setSource(1, "print(undefined_name, 1)");
  await expect(agent.approval.getByTestId("agent-approval-code")).toHaveText("print(undefined_name, 1)");
  await agent.approval.getByRole("button", { name: "Run", exact: true }).click();
  await expect(nb.cell(1).getByTestId("output-error")).toContainText("NameError");

  // Skip: the next proposed cell is not run.
  await expect(agent.approval.getByTestId("agent-approval-code")).toHaveText("print(6*7)");
  await agent.approval.getByRole("button", { name: "Skip", exact: true }).click();
  await agent.waitDone();
  await expect(nb.cell(2).getByTestId("cell-outputs")).toHaveCount(0);
});

test("Stop keeps the streamed text and marks it Stopped", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { agent } = await openNotebook(page);
  const id = nonce();
  await agent.ask(`[scenario:slow-stream chunks=300 delay=100] ramble ${id}`);
  await expect(agent.root.getByTestId("agent-live-text")).toContainText("word12 ");
  await agent.progress.getByRole("button", { name: "Stop" }).click();
  await expect(agent.progress).toHaveCount(0);
  const stopped = agent.root.getByTestId("agent-stopped-turn");
  await expect(stopped.getByTestId("agent-stopped")).toHaveText("Stopped");
  await expect(stopped).toContainText("word1 word2");
  await expect(agent.summary).toHaveText(/^Stopped · /);
  await keepScreenshot(page, testInfo, "agent-stopped-1440");
});

test("a failed request keeps its prompt, says why, and Retry sends it again", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { agent } = await openNotebook(page);
  const id = nonce();
  const prompt = `say hello ${id}`;
  // The first start never reaches the server (the connection fails); later ones go through.
  let failed = false;
  await page.route("**/api/notebooks/*/runs", async (route) => {
    if (route.request().method() === "POST" && !failed) {
      failed = true;
      await route.abort("internetdisconnected");
    } else await route.fallback();
  });
  await agent.ask(prompt);
  await expect(agent.error).toContainText("did not reach the server");
  await expect(agent.pendingText()).toHaveText(prompt);
  await expect(agent.root.getByLabel("Ask the agent")).toHaveValue(prompt);
  await keepScreenshot(page, testInfo, "agent-failed-1440");

  await agent.error.getByRole("button", { name: "Retry" }).click();
  await expect(agent.error).toHaveCount(0);
  await expect(agent.assistantTexts().last()).toContainText("Echo:");
  await expect(agent.userTexts().last()).toHaveText(prompt);
  await expect(agent.pendingText()).toHaveCount(0);
  expect(await fake().requests({ contains: id })).toHaveLength(1);
});

test("while the person's cell runs, the agent's queued cell says it waits for Python", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  const { nb, agent } = await openNotebook(page);
  await nb.setSource(0, "import time\ntime.sleep(8)");
  await nb.run(0);
  await expect(nb.cell(0)).toHaveAttribute("data-phase", "running");
  const id = nonce();
  await agent.ask(`[scenario:code-error-fix] compute ${id}`);
  await expect(agent.progress).toHaveAttribute("data-phase", "queued");
  await expect(agent.root.getByTestId("agent-status")).toContainText("waiting for Python");
  await agent.waitDone(90_000);
  await expect(agent.assistantTexts().last()).toContainText("The answer is 42");
});

test("Fix with agent sends the failing cell and its error as a prompt", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  const { nb, agent } = await openNotebook(page);
  const id = nonce();
  await nb.execute(0, `print(missing_${id})`);
  await expect(nb.cell(0).getByTestId("output-error")).toContainText("NameError");
  await keepScreenshot(page, testInfo, "fix-with-agent-1440");
  await nb.cell(0).getByRole("button", { name: "Fix with agent" }).click();
  const sent = agent.root.locator('[data-testid="agent-transcript"] [data-role="user"]').last();
  await expect(sent).toContainText(`print(missing_${id})`);
  await expect(sent).toContainText(`NameError: name 'missing_${id}' is not defined`);
  await expect(agent.assistantTexts().last()).toContainText("Echo:");
  const [request] = await fake().requests({ contains: `missing_${id}` });
  const body = JSON.stringify(request!.body);
  expect(body).toContain(`print(missing_${id})`);
  expect(body).toContain("NameError");
});

test("Fix with agent on a phone switches to the agent pane", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const { nb, agent } = await openNotebook(page);
  const id = nonce();
  await nb.execute(0, `print(missing_${id})`);
  await nb.cell(0).getByRole("button", { name: "Fix with agent" }).click();
  await expect(agent.root).toBeVisible();
  await expect(agent.root.locator('[data-role="user"]').last()).toContainText(`missing_${id}`);
});

for (const [name, size] of [
  ["desktop", DESKTOP],
  ["tablet", TABLET],
  ["phone", PHONE],
] as const)
  test(`${name} ${size.width}×${size.height}: the agent's selects fit the panel and show their whole text`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(size);
    await openNotebook(page);
    if (size.width < 900) await page.getByRole("tab", { name: "Agent" }).click();
    const agent = new AgentPanel(page);
    await expect(agent.model).toBeEnabled();
    const panel = (await agent.root.boundingBox())!;
    for (const select of [agent.root.getByLabel("Run mode"), agent.model, agent.effort]) {
      const box = (await select.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(panel.x);
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      // The chosen option's text fits in the closed select (no cut-off label).
      const fits = await select.evaluate((el: HTMLSelectElement) => {
        const probe = document.createElement("span");
        const style = getComputedStyle(el);
        probe.style.font = style.font;
        probe.style.position = "absolute";
        probe.style.whiteSpace = "pre";
        probe.textContent = el.selectedOptions[0]?.textContent ?? "";
        document.body.append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
        // Room for the text beside the dropdown arrow (about 20 px).
        return { text, room: el.clientWidth - padding - 20 };
      });
      expect(
        fits.text,
        `${await select.getAttribute("aria-label")} text ${fits.text} in ${fits.room}`,
      ).toBeLessThanOrEqual(fits.room);
    }
    await keepScreenshot(page, testInfo, `agent-panel-${name}`);
  });
