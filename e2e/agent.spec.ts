import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fakeAnthropicAdmin } from "./fake-anthropic/admin-client";
import { E2E_ANTHROPIC_KEY } from "./support/global-setup";
import { AgentPanel, nonce } from "./pages/agent-panel";
import { NotebookPage } from "./pages/notebook-page";
import { csrfHeaders } from "./support/api";

const fake = () => fakeAnthropicAdmin(process.env.FAKE_ANTHROPIC_URL!);
type Block = { type: string; text?: string; content?: unknown; cache_control?: unknown };
const lastUserBlocks = (body: { messages: { role: string; content: Block[] | string }[] }) => {
  const content = body.messages[body.messages.length - 1]!.content;
  return typeof content === "string" ? [{ type: "text", text: content }] : content;
};

async function openNotebook(page: import("@playwright/test").Page) {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  return { nb, agent: new AgentPanel(page) };
}

// Every scenario runs in both modes: cells run at once ("auto"), or after the person approves each
// one ("approve": the page object clicks "Run" for every proposed cell).
for (const mode of ["auto", "approve"] as const)
  test.describe(`the agent writes, runs and fixes cells (${mode})`, () => {
    test("code → error → fix → answer, with code streaming into a new cell", async ({ page }) => {
      const { nb, agent } = await openNotebook(page);
      const id = nonce();
      // Record, inside the page, every source the second cell shows (a poll from the test process
      // can be starved on a loaded machine and miss the short-lived partial states).
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __seen: string[] }).__seen = seen;
        setInterval(() => {
          const cell = document.querySelectorAll('[data-testid="cell"]')[1];
          if (!cell) return;
          const area = cell.querySelector<HTMLTextAreaElement>('[data-testid="code-editor-fallback"]');
          const text = area ? area.value : (cell.querySelector<HTMLElement>(".view-lines")?.innerText ?? "");
          if (text && seen[seen.length - 1] !== text) seen.push(text);
        }, 10);
      });
      await agent.ask(`[scenario:code-error-fix delay=500 json-chunk=3] compute the answer ${id}`, mode);
      // The first agent cell appears while its code is still being written: it shows a partial source.
      const full = "print(undefined_name)";
      const first = nb.cell(1).locator(".view-lines");
      await expect(first).toContainText(full);
      const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
      expect(
        seen.some((s) => full.startsWith(s) && s.length < full.length),
        `sources seen: ${JSON.stringify(seen)}`,
      ).toBe(true);
      await agent.waitDone();
      await expect(nb.cells).toHaveCount(3);
      await expect(nb.cell(1).getByTestId("output-error")).toContainText("NameError");
      await expect(nb.cell(2).getByTestId("output-stdout")).toHaveText("42\n");
      await expect(agent.assistantTexts().last()).toContainText("The answer is 42");
      await page.screenshot({ path: "test-results/screens/agent-code-error-fix.png", fullPage: true });

      const log = await fake().requests({ contains: id });
      expect(log).toHaveLength(3);
      const second = log[1]!.body as never as {
        system: Block[];
        tools: { name: string }[];
        messages: { role: string; content: Block[] }[];
      };
      expect(second.tools.map((t) => t.name)).toEqual(["run_python"]);
      expect(second.system.some((b) => b.cache_control)).toBe(true);
      const tail = lastUserBlocks(second);
      expect(tail.at(-1)!.cache_control).toBeTruthy();
      expect(JSON.stringify(tail)).toContain("NameError");

      // Everything survives a reload: cells, outputs, the conversation.
      await page.reload();
      await expect(nb.cells).toHaveCount(3);
      await expect(nb.cell(2).getByTestId("output-stdout")).toHaveText("42\n");
      await expect(agent.assistantTexts().last()).toContainText("The answer is 42");
    });

    if (mode === "approve")
      test("the person approves each cell, and may edit the code first", async ({ page }) => {
        const { nb, agent } = await openNotebook(page);
        const id = nonce();
        await agent.ask(`[scenario:code-error-fix] approve ${id}`, "approve");
        await expect(agent.root.getByTestId("agent-approval")).toBeVisible();
        await expect(nb.cell(1).getByTestId("cell-outputs")).toHaveCount(0); // not run yet
        await agent.root.getByRole("button", { name: "Run", exact: true }).click();
        await expect(nb.cell(1).getByTestId("output-error")).toContainText("NameError");
        await expect(agent.root.getByTestId("agent-approval")).toBeVisible();
        await nb.setSource(2, "print(6*7+1)");
        await nb.waitSaved();
        await agent.root.getByRole("button", { name: "Run", exact: true }).click();
        await agent.waitDone();
        await expect(nb.cell(2).getByTestId("output-stdout")).toHaveText("43\n");
        await expect(agent.assistantTexts().last()).toContainText("The answer is");
        const log = await fake().requests({ contains: id });
        expect(JSON.stringify(lastUserBlocks(log[2]!.body as never))).toContain("print(6*7+1)");
      });

    test("figures reach the model as image blocks; huge output is truncated", async ({ page }) => {
      const { agent } = await openNotebook(page);
      const id = nonce();
      await agent.ask(`[scenario:figure] plot ${id}`, mode);
      await agent.waitDone();
      await expect(agent.assistantTexts().last()).toContainText("I saw 1 image");
      const log = await fake().requests({ contains: id });
      expect(JSON.stringify(lastUserBlocks(log[1]!.body as never))).toContain('"type":"image"');

      const id2 = nonce();
      await agent.ask(`[scenario:huge-print] print a lot ${id2}`, mode);
      await agent.waitDone();
      const text = await agent.assistantTexts().last().innerText();
      const n = Number(/had (\d+) characters/.exec(text)?.[1]);
      expect(n).toBeGreaterThan(1000);
      expect(n).toBeLessThan(25_000); // 200 000 lines were printed
    });

    test("a follow-up continues with the history and the kernel state", async ({ page }) => {
      const { nb, agent } = await openNotebook(page);
      const id = nonce();
      await agent.ask(`[scenario:follow-up] set x ${id}`, mode);
      await agent.waitDone();
      await agent.ask(`[follow-up] now add one ${id}`, mode);
      await agent.waitDone();
      await expect(agent.assistantTexts().last()).toContainText("history ok; x + 1 printed 42");
      await expect(nb.cells).toHaveCount(3);
    });

    test("cells the person wrote since the last request are in the agent's context", async ({ page }) => {
      const { nb, agent } = await openNotebook(page);
      await agent.ask(`[scenario:echo] hello ${nonce()}`, mode);
      await agent.waitDone();
      await nb.execute(0, "cleaned_v2 = [r for r in (1, 2, None) if r]");
      await nb.waitSaved();
      await agent.ask(
        `[scenario:notebook-context needle=cleaned_v2] use my cleaned version in cell 1 ${nonce()}`,
        mode,
      );
      await agent.waitDone();
      await expect(agent.assistantTexts().last()).toContainText(/Context: .*cell 1 (EDITED|ADDED).*needle found/);
    });

    test("stop mid-stream closes the upstream request; stop mid-cell interrupts it", async ({ page }) => {
      const { nb, agent } = await openNotebook(page);
      const id = nonce();
      await agent.ask(`[scenario:slow-stream] talk slowly ${id}`, mode);
      await expect(agent.root.getByTestId("agent-live-text")).not.toBeEmpty();
      await agent.progress.getByRole("button", { name: "Stop" }).click();
      await agent.waitDone();
      await fake().waitFor((log) => log.some((r) => r.closedEarly), { contains: id });

      const id2 = nonce();
      await agent.ask(`[scenario:long-cell] loop ${id2}`, mode);
      if (mode === "approve")
        await agent.root.getByTestId("agent-approval").getByRole("button", { name: "Run", exact: true }).click();
      await expect(nb.cell(1)).toHaveAttribute("data-phase", "running");
      await agent.progress.getByRole("button", { name: "Stop" }).click();
      await nb.waitIdle(1, 15_000);
      await expect(nb.cell(1).getByTestId("output-error")).toContainText("KeyboardInterrupt");
      await agent.waitDone();
      // A stopped run leaves a valid history: a follow-up works.
      const id3 = nonce();
      await agent.ask(`[scenario:echo] still there? ${id3}`, mode);
      await agent.waitDone();
      await expect(agent.assistantTexts().last()).toContainText("Echo:");
      await expect(agent.error).toHaveCount(0);
    });

    test("upstream failures become clear messages, never stack traces", async ({ page }) => {
      const { agent } = await openNotebook(page);
      const cases: [string, RegExp][] = [
        ["error-401", /API key/i],
        ["overloaded-storm", /overloaded/i],
        ["error-500-mid-stream", /Claude/i],
        ["cut-mid-stream", /connection to Claude was lost/i],
      ];
      for (const [scenario, message] of cases) {
        await agent.ask(`[scenario:${scenario}] ${nonce()}`, mode);
        await expect(agent.error).toContainText(message, { timeout: 30_000 });
        await expect(agent.error).not.toContainText(/at .*\.(js|ts):\d+/);
        await agent.error.getByRole("button", { name: "Dismiss" }).click();
        await agent.waitDone();
      }
      await agent.ask(`[scenario:rate-limit-then-ok] ${nonce()}`, mode);
      await agent.waitDone();
      await expect(agent.assistantTexts().last()).toContainText("Recovered after a rate limit");
    });

    test("the step limit ends a run that never finishes", async ({ page }) => {
      test.setTimeout(150_000);
      const { agent } = await openNotebook(page);
      await agent.ask(`[scenario:step-limit] forever ${nonce()}`, mode);
      if (mode === "approve") await agent.approveUntilDone(120_000);
      await expect(agent.error).toContainText(/step limit/i, { timeout: 90_000 });
      await agent.waitDone();
    });

    if (mode === "approve")
      test("a reload in the middle of a run can resume it", async ({ page }) => {
        const { nb, agent } = await openNotebook(page);
        await agent.ask(`[scenario:code-error-fix] resume me ${nonce()}`, "approve");
        await expect(agent.root.getByTestId("agent-approval")).toBeVisible();
        await page.reload();
        await expect(agent.root.getByTestId("agent-resumable")).toBeVisible();
        await expect(nb.cells).toHaveCount(2); // the agent's cell was saved
        await agent.root.getByRole("button", { name: "Resume" }).click();
        await expect(agent.root.getByTestId("agent-approval")).toBeVisible();
        await agent.root.getByRole("button", { name: "Run", exact: true }).click();
        await expect(agent.root.getByTestId("agent-approval")).toBeVisible();
        await agent.root.getByRole("button", { name: "Run", exact: true }).click();
        await agent.waitDone();
        await expect(agent.assistantTexts().last()).toContainText("The answer is 42");
      });
  });

test("the API key reaches no client asset and no page", async ({ page }) => {
  await page.goto("/");
  const { notebook } = await (
    await page.request.post("/api/notebooks", { data: {}, headers: await csrfHeaders(page.context()) })
  ).json();
  for (const url of ["/", `/notebooks/${notebook.id}`]) {
    expect(await (await page.request.get(url)).text()).not.toContain(E2E_ANTHROPIC_KEY);
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(".next/static");
  expect(files.length).toBeGreaterThan(5);
  for (const f of [...files, "public/py-worker.js"])
    expect(readFileSync(f, "utf8").includes(E2E_ANTHROPIC_KEY), f).toBe(false);
});
