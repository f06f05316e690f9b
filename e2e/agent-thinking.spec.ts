// The agent on today's models, in Chromium against the fake that answers like today's API
// (thinking blocks signed to their prefix, refused parameters, a live model list): the notes
// stream and stay, the picker comes from the Models API, a retired model switches in one click,
// the model changes mid-conversation, and a follow-up after edits and an upload passes the check.
import { expect, test, type Page } from "@playwright/test";
import { fakeAnthropicAdmin } from "./fake-anthropic/admin-client";
import { AgentPanel, nonce } from "./pages/agent-panel";
import { FilePanelPage } from "./pages/file-panel";
import { NotebookPage } from "./pages/notebook-page";
import { csrfHeaders } from "./support/api";

const fake = () => fakeAnthropicAdmin(process.env.FAKE_ANTHROPIC_URL!);

async function openNotebook(page: Page) {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  return { nb, agent: new AgentPanel(page) };
}

/** Every request of a conversation (by its nonce) was accepted: no 400 from the prefix check. */
async function expectAllAccepted(id: string, atLeast: number) {
  const log = await fake().requests({ contains: id });
  expect(log.length).toBeGreaterThanOrEqual(atLeast);
  expect(log.map((r) => r.status)).toEqual(log.map(() => 200));
  return log;
}

for (const mode of ["auto", "approve"] as const)
  test(`progress notes stream while the model works and stay in the transcript (${mode})`, async ({ page }) => {
    const { nb, agent } = await openNotebook(page);
    const id = nonce();
    await agent.ask(`[scenario:code-error-fix delay=150] compute the answer ${id}`, mode);
    // The notes of the running step show before its cell, set apart from the answer.
    await expect(agent.liveNotes()).toContainText(/run the code/i);
    await agent.waitDone();
    await expect(agent.assistantTexts().last()).toContainText("The answer is 42");
    await expect(nb.cells).toHaveCount(3);
    await expect(agent.notes().first()).toBeAttached();
    const log = await expectAllAccepted(id, 3);
    // Each request after the first sent the earlier answers' thinking blocks back.
    const last = log.at(-1)!.body as { messages: { role: string; content: { type: string }[] }[] };
    const sentThinking = last.messages.filter((m) => m.role === "assistant").map((m) => m.content[0]!.type);
    expect(sentThinking).toEqual(["thinking", "thinking"]);
    // After a reload the notes are still there, folded.
    await page.reload();
    await expect(agent.notes().first()).toBeAttached();
  });

test("the model picker is filled from the Models API and never offers a retired model", async ({ page }) => {
  const admin = fake();
  const { models } = await admin.models();
  await admin.setModels([
    ...models,
    {
      ...models.find((m) => m.id === "claude-sonnet-5-5")!,
      id: "claude-sonnet-6-preview",
      display_name: "Claude Sonnet 6 Preview",
      created_at: "2026-12-04T00:00:00Z",
    },
  ]);
  try {
    const { agent } = await openNotebook(page);
    await expect(agent.model.locator("option", { hasText: "Claude Sonnet 6 Preview" })).toHaveCount(1);
    await expect(agent.model.locator("option", { hasText: "Claude Sonnet 4.5" })).toHaveCount(0);
    await expect(agent.model).toHaveValue("claude-sonnet-5-5");
    // A deprecated model shows its date.
    await expect(agent.model.locator("option", { hasText: /Claude Opus 4\.5 \(retires/ })).toHaveCount(1);
  } finally {
    await admin.restoreModels();
  }
});

test("a notebook saved with a retired model says so and switches in one click", async ({ page }) => {
  const { nb, agent } = await openNotebook(page);
  // The app refuses to save a retired model, so the notebook is set up as one saved before it retired.
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`UPDATE "Notebook" SET settings = '{"model":"claude-sonnet-4-5","mode":"auto"}' WHERE id = $1`, [
    nb.id,
  ]);
  await client.end();
  await page.reload();
  const notice = agent.retiredNotice();
  await expect(notice).toContainText("Claude Sonnet 4.5 was retired on 30 Nov 2026");
  await expect(notice).not.toContainText("404");
  await notice.getByRole("button", { name: /Switch to Claude Sonnet 5\.5/ }).click();
  await expect(notice).toHaveCount(0);
  await expect(agent.model).toHaveValue("claude-sonnet-5-5");
  // The switch is saved: a reload keeps it.
  const saved = async () => {
    const res = await page.request.get(`/api/notebooks/${nb.id}`, { headers: await csrfHeaders(page.context()) });
    return ((await res.json()) as { notebook: { settings: { model: string } } }).notebook.settings.model;
  };
  await expect.poll(saved).toBe("claude-sonnet-5-5");
  const id = nonce();
  await agent.ask(`[scenario:echo] hello ${id}`);
  await agent.waitDone();
  await expectAllAccepted(id, 1);
});

test("changing the model mid-conversation, with an effort, keeps the conversation going", async ({ page }) => {
  const { agent } = await openNotebook(page);
  const id = nonce();
  await agent.ask(`[scenario:code-error-fix] first ${id}`);
  await agent.waitDone();
  await agent.selectModel("Claude Opus 5.5");
  await agent.effort.selectOption("low");
  await expect(agent.effortHint).toContainText(/cheap/i);
  await agent.ask(`[scenario:code-error-fix] again on opus ${id}`);
  await agent.waitDone();
  await expect(agent.assistantTexts().last()).toContainText("The answer is 42");
  const log = await expectAllAccepted(id, 6);
  const onOpus = log.filter((r) => (r.body as { model: string }).model === "claude-opus-5-5");
  expect(onOpus.length).toBe(3);
  for (const r of onOpus) expect((r.body as { output_config?: unknown }).output_config).toEqual({ effort: "low" });
});

test("a follow-up after the person edited a cell and uploaded a file passes the prefix check", async ({ page }) => {
  const { nb, agent } = await openNotebook(page);
  const id = nonce();
  await agent.ask(`[scenario:follow-up] set x ${id}`);
  await agent.waitDone();
  await nb.execute(0, "y = 2  # the person's own cell");
  await nb.waitSaved();
  const files = new FilePanelPage(page);
  await files.upload([{ name: "late.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") }]);
  await files.waitListed("data/late.csv");
  await agent.ask(`[follow-up] now add one ${id}`);
  await agent.waitDone();
  await expect(agent.assistantTexts().last()).toContainText("history ok; x + 1 printed 42");
  const log = await expectAllAccepted(id, 3);
  const lastBody = JSON.stringify(log.at(-1)!.body);
  expect(lastBody).toContain("late.csv");
  expect(lastBody).toMatch(/(EDITED|ADDED) by the person/);
});
