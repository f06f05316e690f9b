// Page object for the notebook's file panel.
import { expect, type Locator, type Page } from "@playwright/test";

export interface UploadSpec {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class FilePanelPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId("file-panel");
  }
  row(path: string): Locator {
    return this.root.locator(`[data-testid="file-row"][data-path="${path}"]`);
  }
  rows(): Locator {
    return this.root.getByTestId("file-row");
  }
  /** Chooses files in the Upload dialog (the hidden input behind the button). */
  async upload(files: UploadSpec[]): Promise<void> {
    await this.root.getByTestId("file-input").setInputFiles(files);
  }
  /** Drops files onto the notebook, as a person dragging them from their desktop. */
  async drop(files: { name: string; type: string; text: string }[]): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle((specs) => {
      const dt = new DataTransfer();
      for (const s of specs) dt.items.add(new File([s.text], s.name, { type: s.type }));
      return dt;
    }, files);
    await this.page.dispatchEvent('[data-testid="file-drop-zone"]', "dragenter", { dataTransfer });
    await this.page.dispatchEvent('[data-testid="file-drop-zone"]', "drop", { dataTransfer });
  }
  /** Waits until the file is listed and every upload has finished (stored and in Python's files). */
  async waitListed(path: string): Promise<void> {
    await expect(this.row(path)).toBeVisible();
    await expect(this.root.locator('[data-testid="file-upload"][data-state="uploading"]')).toHaveCount(0);
  }
  size(path: string): Locator {
    return this.row(path).getByTestId("file-size");
  }
  async preview(path: string): Promise<Locator> {
    await this.row(path)
      .getByRole("button", { name: `Preview ${path}` })
      .click();
    return this.row(path).getByTestId("file-preview");
  }
  /** Downloads through the link a person clicks; returns the bytes. */
  async download(path: string): Promise<Buffer> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.row(path)
        .getByRole("link", { name: `Download ${path}` })
        .click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  uploadErrors(): Locator {
    return this.root.getByTestId("file-upload-error");
  }
}
