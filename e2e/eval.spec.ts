// Three eval tasks through the real UI in Chromium, the way `npm run eval -- --policy reference`
// runs them in Node: the task's input files under data/, its prompt to the agent, the fake model
// answering with the reference solution, the cell run by the browser's Pyodide, then the task's
// own checker on the final answer and the files under output/.
//
// Main has no file upload yet (issue 5 is building it), so the input files are put under data/
// by a cell the person runs, and output/ is read back by another: the app's only way in and out
// of the Python filesystem today.
import { expect, test } from "@playwright/test";
import { selectTasks } from "@/lib/eval/select";
import { ALL_TASKS } from "../eval/tasks";
import { AgentPanel } from "./pages/agent-panel";
import { NotebookPage } from "./pages/notebook-page";

const TASKS = selectTasks(ALL_TASKS, "csv-join-spend,text-log-status-codes,math-exact-linear-system");

function seedCode(files: Map<string, Uint8Array>): string {
  const entries = [...files].map(
    ([path, data]) => `    ${JSON.stringify(path)}: ${JSON.stringify(Buffer.from(data).toString("base64"))},`,
  );
  return `import base64, os\nfor path, b64 in {\n${entries.join("\n")}\n}.items():\n    os.makedirs(os.path.dirname(path), exist_ok=True)\n    open(path, "wb").write(base64.b64decode(b64))\nprint("seeded", len(os.listdir("data")), "files")`;
}

const DUMP_OUTPUTS = `import base64, json, os
found = {}
for root, _, names in os.walk("output"):
    for n in names:
        p = os.path.join(root, n)
        found[p] = base64.b64encode(open(p, "rb").read()).decode()
print("OUTPUTS" + json.dumps(found))`;

test("three eval tasks pass through the real UI with the reference policy", async ({ page }) => {
  test.setTimeout(180_000);
  expect(TASKS).toHaveLength(3);
  for (const task of TASKS) {
    await test.step(task.id, async () => {
      const nb = await NotebookPage.create(page);
      await nb.waitForKernel();
      const inputs = task.files();
      await nb.execute(0, seedCode(inputs));
      await expect(nb.cell(0).getByTestId("output-stdout")).toContainText(`seeded ${inputs.size} files`);

      const agent = new AgentPanel(page);
      await agent.ask(`[scenario:eval-reference] ${task.prompt}`, "auto");
      await agent.waitDone();
      await expect(nb.cells).toHaveCount(2);
      await expect(agent.assistantTexts().last()).toContainText("Final answer:");
      const finalText = (await agent.assistantTexts().last().innerText()).trim();

      await nb.execute(0, DUMP_OUTPUTS);
      const printed = await nb.cell(0).getByTestId("output-stdout").innerText();
      const outputs = new Map(
        Object.entries(JSON.parse(printed.slice(printed.indexOf("OUTPUTS") + 7)) as Record<string, string>).map(
          ([p, b]) => [p, new Uint8Array(Buffer.from(b, "base64"))],
        ),
      );
      expect([...outputs.keys()].length).toBeGreaterThan(0);

      const verdict = task.check!({ finalText, outputs, inputs });
      expect(verdict, `${task.id}: ${verdict.reason}`).toMatchObject({ pass: true });
    });
  }
});
