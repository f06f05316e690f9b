// File benchmarks in real Chromium against the production server:
// 1. a 20 MB CSV dropped on the notebook → stored in PostgreSQL and readable in Python;
// 2. a kernel restart that restores 20 files totalling 50 MB, against a restart with no files.
import type { Browser, Page } from "@playwright/test";
import { row, summarize } from "./stats";

const MB = 1024 * 1024;

async function newNotebook(page: Page, base: string): Promise<string> {
  await page.goto(base);
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.waitForURL(/\/notebooks\//);
  await waitReady(page);
  return page.url();
}

const waitReady = (page: Page) =>
  page.locator('[data-testid="kernel-status"][data-state="ready"]').waitFor({ timeout: 120_000 });

/** Drops a generated CSV of `bytes` on the page; returns ms from the drop to "stored" and to "in Python". */
async function dropCsv(page: Page, name: string, bytes: number): Promise<{ uploaded: number; ready: number }> {
  return page.evaluate(
    ({ name, bytes }) =>
      new Promise<{ uploaded: number; ready: number }>((resolve, reject) => {
        const line = "2024-01-01,north,widget,12.50,3\n";
        const text = `date,region,product,price,qty\n${line.repeat(Math.ceil(bytes / line.length))}`;
        const file = new File([text.slice(0, bytes)], name, { type: "text/csv" });
        const dt = new DataTransfer();
        dt.items.add(file);
        const zone = document.querySelector('[data-testid="file-drop-zone"]')!;
        const t0 = performance.now();
        // No named functions in here: tsx would wrap them with a __name helper the page lacks.
        const deadline = setTimeout(() => {
          clearInterval(timer);
          reject(new Error("upload did not finish in 120 s"));
        }, 120_000);
        const timer = setInterval(() => {
          const ready = performance.getEntriesByName(`pylot:file-ready:data/${name}`)[0];
          const uploaded = performance.getEntriesByName(`pylot:file-uploaded:data/${name}`)[0];
          if (ready && uploaded) {
            clearTimeout(deadline);
            clearInterval(timer);
            resolve({ uploaded: uploaded.startTime - t0, ready: ready.startTime - t0 });
          }
        }, 5);
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }),
    { name, bytes },
  );
}

/** Clicks Restart; ms until the kernel is ready again (files restored: the status says "starting" until then). */
function restartMs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Restart")!;
        let left = false;
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          if (document.querySelector('[data-testid="kernel-status"]')?.getAttribute("data-state") !== "ready")
            left = true;
          else if (left) {
            obs.disconnect();
            resolve(performance.now() - t0);
          }
        });
        obs.observe(document.body, { attributes: true, subtree: true, attributeFilter: ["data-state"] });
        button.click();
      }),
  );
}

/** Checks what Python sees, through the first cell (as a person would). */
async function pythonReads(page: Page, path: string): Promise<string> {
  const cell = page.getByTestId("cell").first();
  await cell.locator(".monaco-editor").first().waitFor({ timeout: 30_000 });
  const cellId = await cell.getAttribute("data-cell-id");
  const code = `import os\nprint(os.path.getsize(${JSON.stringify(path)}))`;
  await page.evaluate(
    ({ cellId, code }) => {
      type Ed = {
        getModel(): { uri: { path: string }; getFullModelRange(): unknown } | null;
        executeEdits(s: string, e: unknown[]): void;
      };
      const monaco = (window as unknown as { monaco?: { editor: { getEditors(): Ed[] } } }).monaco;
      const ed = monaco?.editor.getEditors().find((e) => e.getModel()?.uri.path.includes(`cell-${cellId}`));
      if (!ed) throw new Error("no editor");
      ed.executeEdits("bench", [{ range: ed.getModel()!.getFullModelRange(), text: code }]);
    },
    { cellId, code },
  );
  await cell.locator(".monaco-editor").first().click();
  await page.keyboard.press("Control+Enter");
  await cell.getByTestId("cell-outputs").waitFor();
  await page.waitForFunction(
    (id) => !/queued|running/.test(document.querySelector(`[data-cell-id="${id}"]`)?.getAttribute("data-phase") ?? ""),
    cellId,
  );
  return (await cell.getByTestId("cell-outputs").innerText()).trim();
}

export async function benchFiles(browser: Browser, base: string, repeats = 3): Promise<string[]> {
  const out: string[] = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("dialog", (d) => void d.accept());
  try {
    // 1. 20 MB CSV: drop → stored → written into Python's filesystem.
    await newNotebook(page, base);
    const uploaded: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t = await dropCsv(page, `sales-${i}.csv`, 20 * MB);
      uploaded.push(t.uploaded);
      ready.push(t.ready);
    }
    const size = await pythonReads(page, `data/sales-${repeats - 1}.csv`);
    if (size !== String(20 * MB)) throw new Error(`Python sees ${size} bytes, expected ${20 * MB}`);
    out.push(row("20 MB CSV drop → stored in PostgreSQL", summarize(uploaded)));
    out.push(row("20 MB CSV drop → readable in Python", summarize(ready)));

    // 2. Restart restoring 20 files (50 MB), against a restart of an empty notebook, same run.
    const empty = await newNotebook(page, base);
    await page.goto(empty);
    await waitReady(page);
    const bare: number[] = [];
    for (let i = 0; i < repeats + 2; i++) bare.push(await restartMs(page));
    const full = await newNotebook(page, base);
    const id = full.split("/").pop()!;
    const each = Math.floor((50 * MB) / 20);
    for (let i = 0; i < 20; i++) {
      const res = await page.request.put(
        `${base}/api/notebooks/${id}/files/data/part-${String(i).padStart(2, "0")}.bin`,
        {
          data: Buffer.alloc(each, i),
          // The page's api-client echoes the double-submit token cookie; so does the benchmark.
          headers: {
            "content-type": "application/octet-stream",
            "x-pylot-csrf": (await page.context().cookies()).find((c) => c.name === "pylot_csrf")?.value ?? "",
          },
        },
      );
      if (!res.ok()) throw new Error(`upload ${i}: ${res.status()} ${await res.text()}`);
    }
    const e0 = Date.now();
    await page.goto(empty);
    await waitReady(page);
    const emptyLoad = Date.now() - e0;
    const t0 = Date.now();
    await page.goto(full);
    await waitReady(page);
    const firstLoad = Date.now() - t0;
    const restored = await page.evaluate(
      () =>
        (performance.getEntriesByName("pylot:files-restored")[0] as PerformanceMark | undefined)?.detail as {
          files: number;
          bytes: number;
          ms: number;
        },
    );
    if (restored?.files !== 20) throw new Error(`restored ${JSON.stringify(restored)}`);
    const withFiles: number[] = [];
    for (let i = 0; i < repeats + 2; i++) withFiles.push(await restartMs(page));
    const steps = await page.evaluate(() =>
      performance
        .getEntriesByName("pylot:files-restored")
        .slice(1)
        .map((m) => ((m as PerformanceMark).detail as { ms: number }).ms),
    );
    const check = await pythonReads(page, "data/part-19.bin");
    if (check !== String(each)) throw new Error(`Python sees ${check} bytes of part-19.bin, expected ${each}`);
    const b = summarize(bare);
    const w = summarize(withFiles);
    out.push(row("restart, no files (baseline)", b));
    out.push(row("restart restoring 20 files, 50 MB", w));
    out.push(row("  restore step after Python is ready", summarize(steps)));
    out.push(
      `${"  → added by the restore (p50)".padEnd(44)} ${(w.p50 - b.p50).toFixed(0)} ms (×${(w.p50 / b.p50).toFixed(2)} of the baseline)`,
    );
    out.push(`${"page load → ready, no files (baseline)".padEnd(44)} ${emptyLoad} ms`);
    out.push(
      `${"page load → ready with 20 files, 50 MB".padEnd(44)} ${firstLoad} ms (restore step after Python ready ${restored.ms.toFixed(0)} ms; downloads overlap Python's start)`,
    );
  } finally {
    await context.close();
  }
  return out;
}
