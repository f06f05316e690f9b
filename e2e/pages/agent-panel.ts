// Page object for the agent panel.
import { expect, type Locator, type Page } from "@playwright/test";

export class AgentPanel {
  readonly root: Locator;
  /** Requests in the transcript before the last ask: the transcript lists a request once its run has ended. */
  private asked = 0;
  constructor(readonly page: Page) {
    this.root = page.getByTestId("agent-panel");
  }
  async ask(prompt: string, mode: "auto" | "approve" = "auto"): Promise<void> {
    this.asked = (await this.userTexts().count()) + 1;
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
  userTexts(): Locator {
    return this.root.locator('[data-testid="agent-transcript"] [data-role="user"]');
  }
  /** Waits until the last request's run has ended (it is then in the transcript) and nothing runs. */
  async waitDone(timeout = 60_000): Promise<void> {
    await expect(this.userTexts()).toHaveCount(this.asked, { timeout });
    await expect(this.progress).toHaveCount(0, { timeout });
  }
}

/** A unique marker per test, so tests sharing the fake server find their own requests. */
export function nonce(): string {
  return `n${Math.random().toString(36).slice(2, 10)}`;
}
