import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { fakeAnthropicAdmin } from "./fake-anthropic/admin-client";
import { FILES_TASK_CODE } from "./fake-anthropic/script-helpers";
import { AgentPanel, nonce } from "./pages/agent-panel";
import { FilePanelPage } from "./pages/file-panel";
import { NotebookPage } from "./pages/notebook-page";
import { csrfHeaders } from "./support/api";

const SALES = "region,sales\nnorth,10\nsouth,20.5\neast,12\n";
// A 2×1 PNG (made by hand: signature, IHDR, IDAT, IEND).
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQEAuC8y0AAAAABJRU5ErkJggg==",
  "base64",
);
const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const SHAS_CODE = `import hashlib
print(" ".join(hashlib.sha256(open(p, "rb").read()).hexdigest() for p in ["output/summary.csv", "output/chart.png", "data/photo.png"]))`;

async function open(page: Page) {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  return { nb, files: new FilePanelPage(page) };
}

test.describe("files", () => {
  test("upload, read in Python, output files listed, previewed, downloaded; kept across reload and restart", async ({
    page,
  }) => {
    // Three interpreter starts (open, reload, restart) and a dozen cell runs: longer than one cell test.
    test.setTimeout(180_000);
    const { nb, files } = await open(page);
    await files.upload([
      { name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(SALES) },
      { name: "photo.png", mimeType: "image/png", buffer: PHOTO },
    ]);
    await files.waitListed("data/sales.csv");
    await files.waitListed("data/photo.png");
    await expect(files.size("data/sales.csv")).toHaveText(`${SALES.length} B`);

    // A cell reads data/ and writes output/ with the standard library.
    await nb.execute(0, FILES_TASK_CODE);
    await expect(nb.outputs(0)).toContainText("rows=3 total=42.5");
    await files.waitListed("output/summary.csv");
    await files.waitListed("output/chart.png");

    // Previews: the CSV as a table, the PNG as an image.
    const table = await files.preview("output/summary.csv");
    await expect(table.getByTestId("file-preview-table")).toContainText("total");
    await expect(table.getByTestId("file-preview-table")).toContainText("42.5");
    const image = (await files.preview("output/chart.png")).locator("img");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);

    // Downloads are byte-for-byte what Python wrote.
    await page.getByRole("button", { name: "+ Code" }).click();
    await nb.execute(1, SHAS_CODE);
    const [summarySha, chartSha, photoSha] = (await nb.outputs(1).innerText()).trim().split(" ");
    expect(sha(await files.download("output/summary.csv"))).toBe(summarySha);
    expect(sha(await files.download("output/chart.png"))).toBe(chartSha);
    expect(photoSha).toBe(sha(PHOTO));
    await page.screenshot({ path: "test-results/screens/files-panel.png", fullPage: true });

    // After a reload (a new interpreter), every file is back in Python's filesystem.
    await page.reload();
    await nb.waitForKernel();
    await expect(files.rows()).toHaveCount(4);
    await nb.execute(1, SHAS_CODE);
    await expect(nb.outputs(1)).toHaveText(`${summarySha} ${chartSha} ${photoSha}\n`);

    // And after a kernel restart.
    // This interpreter only imported and printed: nothing to lose, so Restart does not ask
    // (e2e/run-control.spec.ts). Python starts again: "starting", then ready.
    await page.getByRole("button", { name: "Restart" }).click();
    await expect(nb.kernelStatus).not.toHaveAttribute("data-state", "ready");
    await expect(page.getByTestId("restart-dialog")).toHaveCount(0);
    await nb.waitForKernel();
    await nb.execute(1, 'print(open("output/summary.csv").read().splitlines()[1], len(open("data/sales.csv").read()))');
    await expect(nb.outputs(1)).toHaveText(`3,42.5 ${SALES.length}\n`);

    // Same name again: the person is asked, and the file is replaced.
    const asked: string[] = [];
    page.on("dialog", (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await files.upload([{ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from("region,sales\nwest,1\n") }]);
    await expect(files.size("data/sales.csv")).toHaveText("20 B");
    expect(asked).toContain("data/sales.csv already exists. Replace it?");
    await nb.execute(1, 'print(open("data/sales.csv").read().splitlines()[-1])');
    await expect(nb.outputs(1)).toHaveText("west,1\n");

    // Delete asks first, then the file is gone from the list and from Python.
    await files.row("data/photo.png").getByRole("button", { name: "Delete data/photo.png" }).click();
    await expect(files.row("data/photo.png")).toHaveCount(0);
    expect(asked.some((m) => m.startsWith("Delete data/photo.png?"))).toBe(true);
    await nb.execute(1, 'import os; print(os.path.exists("data/photo.png"))');
    await expect(nb.outputs(1)).toHaveText("False\n");
    await page.reload();
    await expect(files.rows()).toHaveCount(3);
  });

  test("drag-and-drop, an empty file, a non-UTF-8 file, and every bad upload gets a clear error", async ({ page }) => {
    const { nb, files } = await open(page);
    await files.drop([{ name: "dropped.csv", type: "text/csv", text: "a,b\n1,2\n" }]);
    await files.waitListed("data/dropped.csv");

    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
    await files.upload([
      { name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) },
      { name: "latin1.txt", mimeType: "text/plain", buffer: latin1 },
    ]);
    await files.waitListed("data/empty.txt");
    await files.waitListed("data/latin1.txt");
    await expect(files.size("data/empty.txt")).toHaveText("0 B");
    await expect(await files.preview("data/latin1.txt")).toContainText("not valid UTF-8");
    await nb.execute(
      0,
      'print(len(open("data/empty.txt", "rb").read()), open("data/latin1.txt", "rb").read(), open("data/dropped.csv").read().split())',
    );
    await expect(nb.outputs(0)).toHaveText("0 b'caf\\xe9\\n' ['a,b', '1,2']\n");

    // Too big, checked in the page against the server's limit (PYLOT_MAX_FILE_BYTES, 2 MB in e2e)…
    const limit = 2 * 1024 * 1024;
    await files.upload([{ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(limit + 1, 0x61) }]);
    await expect(files.uploadErrors()).toContainText("is larger than the limit of 2.0 MB per file");
    // …and by the server itself: 413 with a message, nothing stored.
    const url = (path: string) => `/api/notebooks/${nb.id}/files/${path}`;
    const h = await csrfHeaders(page.context());
    const big = await page.request.put(url("data/big.csv"), {
      data: Buffer.alloc(limit + 1, 0x61),
      headers: { ...h, "content-type": "application/octet-stream" },
    });
    expect(big.status()).toBe(413);
    expect((await big.json()).error.message).toMatch(/larger than the limit of 2\.0 MB per file/);

    // Names that try to leave data/ are refused with 400 and a reason.
    for (const bad of [
      "data/%2E%2E/escape.csv",
      "data/..%2F..%2Fescape.csv",
      "%2Fetc%2Fpasswd",
      "data/a%00b.csv",
      "data/new%0Aline.csv",
      `data/${"x".repeat(300)}.csv`,
      "etc/passwd",
    ]) {
      const res = await page.request.put(url(bad), {
        data: "x",
        headers: { ...h, "content-type": "application/octet-stream" },
      });
      expect(res.status(), bad).toBe(400);
      expect((await res.json()).error.message, bad).toMatch(/^Refused file name: /);
    }
    // A file name the page refuses before uploading.
    await files.upload([{ name: " leading-space.csv", mimeType: "text/csv", buffer: Buffer.from("x") }]);
    await expect(files.uploadErrors().last()).toContainText("Refused file name");
    await page.reload();
    await expect(files.rows()).toHaveCount(3);
  });

  test("the agent reads data/, saves output/ files, and the model sees the file list and the image", async ({
    page,
  }) => {
    const { nb, files } = await open(page);
    await files.upload([{ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(SALES) }]);
    await files.waitListed("data/sales.csv");
    const agent = new AgentPanel(page);
    const id = nonce();
    await agent.ask(`[scenario:files] summarise my sales ${id}`);
    await agent.waitDone();
    await expect(agent.assistantTexts().last()).toContainText(
      "Context listed sales.csv: yes. Saved: output/chart.png output/summary.csv. Images: 1. Printed: rows=3 total=42.5.",
    );
    await files.waitListed("output/summary.csv");
    await files.waitListed("output/chart.png");
    await expect(nb.cell(1).getByTestId("output-stdout")).toHaveText("rows=3 total=42.5\n");

    const log = await fakeAnthropicAdmin(process.env.FAKE_ANTHROPIC_URL!).requests({ contains: id });
    expect(log).toHaveLength(2);
    expect(JSON.stringify(log[0]!.body)).toContain("- data/sales.csv (");
    const observation = JSON.stringify(log[1]!.body);
    expect(observation).toContain("- output/chart.png (");
    expect(observation).toContain('"type":"image"');
    // The saved chart is the image the model got.
    const chart = await files.download("output/chart.png");
    expect(observation).toContain(chart.toString("base64"));
  });
});
