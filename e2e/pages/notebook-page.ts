// Page object for a notebook: how a person types into cells, runs them and reads outputs.
import { expect, type Locator, type Page } from "@playwright/test";

export class NotebookPage {
  constructor(readonly page: Page) {}

  /** Creates a notebook from the home page and opens it. */
  static async create(page: Page): Promise<NotebookPage> {
    await page.goto("/");
    await page.getByRole("button", { name: "New notebook" }).click();
    await page.waitForURL(/\/notebooks\/[0-9a-f-]{36}$/);
    const nb = new NotebookPage(page);
    await expect(nb.cells).toHaveCount(1);
    return nb;
  }

  get id(): string {
    return this.page.url().split("/").pop()!;
  }
  get cells(): Locator {
    return this.page.getByTestId("cell");
  }
  cell(i: number): Locator {
    return this.cells.nth(i);
  }
  get kernelStatus(): Locator {
    return this.page.getByTestId("kernel-status");
  }

  async waitForKernel(state: "ready" | "busy" = "ready", timeout = 60_000): Promise<void> {
    await expect(this.kernelStatus).toHaveAttribute("data-state", state, { timeout });
  }

  /**
   * Replaces a cell's source. Plain code is typed on the real keyboard; code with newlines,
   * quotes or brackets goes in as one edit through Monaco's API (the editor would otherwise
   * auto-indent and auto-close pairs as it is typed, like it does for a person).
   */
  async setSource(i: number, code: string): Promise<void> {
    const cell = this.cell(i);
    const editor = cell.locator(".monaco-editor").first();
    await editor.waitFor();
    await editor.click();
    if (/^[\w =+\-*/.,]+$/.test(code)) {
      await this.page.keyboard.press("ControlOrMeta+A");
      await this.page.keyboard.press("Delete");
      // A person's pace: instant keystrokes can be dropped by the editor on a loaded machine.
      await this.page.keyboard.type(code, { delay: 25 });
      await expect.poll(() => this.editorValue(i)).toBe(code);
      return;
    }
    const cellId = await cell.getAttribute("data-cell-id");
    await this.page.evaluate(
      ({ cellId, code }) => {
        type Ed = {
          getModel(): { uri: { path: string }; getFullModelRange(): unknown } | null;
          executeEdits(s: string, e: unknown[]): void;
          pushUndoStop(): void;
        };
        const monaco = (window as unknown as { monaco: { editor: { getEditors(): Ed[] } } }).monaco;
        const ed = monaco.editor.getEditors().find((e) => e.getModel()?.uri.path.includes(`cell-${cellId}`));
        if (!ed) throw new Error(`no editor for cell ${cellId}`);
        ed.executeEdits("e2e", [{ range: ed.getModel()!.getFullModelRange(), text: code }]);
        ed.pushUndoStop();
      },
      { cellId, code },
    );
  }

  /** The text in cell i's editor: the plain textarea shown until Monaco mounts, else Monaco's model. */
  async editorValue(i: number): Promise<string> {
    const cellId = await this.cell(i).getAttribute("data-cell-id");
    return this.page.evaluate((cellId) => {
      const area = document.querySelector<HTMLTextAreaElement>(
        `[data-cell-id="${cellId}"] [data-testid="code-editor-fallback"]`,
      );
      if (area) return area.value;
      type Ed = { getModel(): { uri: { path: string }; getValue(): string } | null };
      const monaco = (window as unknown as { monaco: { editor: { getEditors(): Ed[] } } }).monaco;
      return (
        monaco?.editor
          .getEditors()
          .find((e) => e.getModel()?.uri.path.includes(`cell-${cellId}`))
          ?.getModel()
          ?.getValue() ?? ""
      );
    }, cellId);
  }

  async run(i: number, keys: "Shift+Enter" | "Control+Enter" = "Control+Enter"): Promise<void> {
    await this.cell(i).locator(".monaco-editor").first().click();
    await this.page.keyboard.press(keys);
  }

  /** Types code into cell i and runs it in place; waits for it to finish. */
  async execute(i: number, code: string): Promise<void> {
    await this.setSource(i, code);
    await this.run(i);
    await this.waitIdle(i);
  }

  async waitIdle(i: number, timeout = 30_000): Promise<void> {
    await expect(this.cell(i)).not.toHaveAttribute("data-phase", /queued|running/, { timeout });
  }

  outputs(i: number): Locator {
    return this.cell(i).getByTestId("cell-outputs");
  }

  /** Waits until every edit, structural change and output save has reached the server. */
  async waitSaved(): Promise<void> {
    await expect(
      this.page.locator(
        '[data-testid="cell"][data-save-state="pending"], [data-testid="cell"][data-save-state="saving"]',
      ),
    ).toHaveCount(0);
    await expect(this.page.getByTestId("save-indicator")).toHaveAttribute("data-state", "saved");
  }

  /** Cell i's editor text, or a rendered markdown cell's source as the page knows it: "" if none. */
  async sources(): Promise<string[]> {
    const n = await this.cells.count();
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await this.editorValue(i));
    return out;
  }

  async kinds(): Promise<string[]> {
    return this.cells.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind") ?? ""));
  }

  /** Esc from a cell's editor: command mode, the cell itself keeps the focus. */
  async commandMode(i: number): Promise<void> {
    await this.cell(i).locator(".monaco-editor").first().click();
    await this.page.keyboard.press("Escape");
    await expect(this.cell(i)).toBeFocused();
  }

  /** Presses keys one after the other (command-mode letters, arrows, Shift+Enter…). */
  async press(...keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  /** Types at the cursor, at a person's pace (see setSource). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 25 });
  }

  /** A cell's action in its floating bar (shown on the selected or hovered cell). */
  action(i: number, name: string): Locator {
    return this.cell(i).getByTestId("cell-actions").getByRole("button", { name, exact: true });
  }
}
