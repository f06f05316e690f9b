// Page object for the agent panel.
import { expect, type Locator, type Page } from "@playwright/test";

export class AgentPanel {
  readonly root: Locator;
  /** Requests in the transcript before the last ask: the transcript lists a request once its run has ended. */
  private asked = 0;
  private mode: "auto" | "approve" = "auto";
  constructor(readonly page: Page) {
    this.root = page.getByTestId("agent-panel");
  }
  async ask(prompt: string, mode: "auto" | "approve" = "auto"): Promise<void> {
    this.asked = (await this.userTexts().count()) + 1;
    this.mode = mode;
    await this.root.getByLabel("Run mode").selectOption(mode);
    await this.root.getByLabel("Ask the agent").fill(prompt);
    await this.root.getByRole("button", { name: "Ask" }).click();
  }
  get progress(): Locator {
    return this.root.getByTestId("agent-progress");
  }
  get error(): Locator {
    return this.root.getByTestId("agent-error");
  }
  assistantTexts(): Locator {
    return this.root.locator('[data-testid="agent-transcript"] [data-role="assistant"]');
  }
  /** Stored requests (the one just sent shows at once, marked data-pending, until its run is stored). */
  userTexts(): Locator {
    return this.root.locator('[data-testid="agent-transcript"] [data-role="user"]:not([data-pending])');
  }
  /** The request just sent, before the stored transcript has it. */
  pendingText(): Locator {
    return this.root.locator('[data-testid="agent-transcript"] [data-role="user"][data-pending]');
  }
  get transcript(): Locator {
    return this.root.getByTestId("agent-transcript");
  }
  /** Pixels between the transcript's scroll position and its end (0: showing the newest). */
  async distanceFromEnd(): Promise<number> {
    return this.transcript.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  }
  get summary(): Locator {
    return this.root.getByTestId("agent-run-summary");
  }
  get approval(): Locator {
    return this.root.getByTestId("agent-approval");
  }
  /** The model select (display names; a deprecated model shows its retirement date). */
  get model(): Locator {
    return this.root.getByLabel("Model");
  }
  /** The effort select: absent when the selected model has no effort setting. */
  get effort(): Locator {
    return this.root.getByLabel("Effort");
  }
  get effortHint(): Locator {
    return this.root.getByTestId("agent-effort-hint");
  }
  /** Finished turns' progress notes (folded "Notes" toggles), in transcript order. */
  notes(): Locator {
    return this.root.getByTestId("agent-notes");
  }
  /** The running step's notes, and the "Claude is thinking…" line before anything streams. */
  liveNotes(): Locator {
    return this.root.getByTestId("agent-thinking");
  }
  /** The notice that the notebook's saved model no longer answers; its button switches model. */
  retiredNotice(): Locator {
    return this.root.getByTestId("agent-retired-notice");
  }
  /** Selects a model by its display name (or id) and waits for the choice to show. */
  async selectModel(nameOrId: string): Promise<void> {
    await expect(this.model).toBeEnabled(); // the list has loaded
    // Exact name: "Claude Opus 5" must not pick "Claude Opus 5.5"; a deprecated one ends "(retires …)".
    const escaped = nameOrId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const option = this.model
      .locator("option:not([disabled])")
      .filter({ hasText: new RegExp(`^${escaped}( \\(retires [^)]*\\))?$`) });
    const value = (await option.count()) ? await option.first().getAttribute("value") : nameOrId;
    await this.model.selectOption(value!);
    await expect(this.model).toHaveValue(value!);
  }
  /**
   * Waits until the last request's run has ended (it is then in the transcript) and nothing runs.
   * In ask-before-running mode it approves every cell the agent proposes, as-is.
   */
  async waitDone(timeout = 60_000): Promise<void> {
    if (this.mode === "approve") await this.approveUntilDone(timeout);
    await expect(this.userTexts()).toHaveCount(this.asked, { timeout });
    await expect(this.progress).toHaveCount(0, { timeout });
  }

  /** Clicks "Run" on each proposed cell (once per tool call) until the run has ended. */
  async approveUntilDone(timeout = 60_000): Promise<number> {
    const card = this.root.getByTestId("agent-approval");
    const seen = new Set<string>();
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if ((await this.userTexts().count()) >= this.asked && (await this.progress.count()) === 0) return seen.size;
      const toolUseId = await card.getAttribute("data-tool-use-id", { timeout: 100 }).catch(() => null);
      if (toolUseId && !seen.has(toolUseId)) {
        seen.add(toolUseId);
        await card
          .getByRole("button", { name: "Run", exact: true })
          .click({ timeout: 5_000 })
          .catch(() => undefined); // may vanish as the run ends
      } else await this.page.waitForTimeout(50);
    }
    throw new Error(`the run did not end within ${timeout} ms (approved ${seen.size} cells)`);
  }
}

/** A unique marker per test, so tests sharing the fake server find their own requests. */
export function nonce(): string {
  return `n${Math.random().toString(36).slice(2, 10)}`;
}
