// Navigation → Python ready (cold and warm cache) for a notebook page, next to the floor: a bare
// page that only calls loadPyodide in a module worker, served by the same server.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { row, summarize } from "./stats";

const mark = (page: Page, name: string) =>
  page
    .waitForFunction((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name, { timeout: 120_000 })
    .then((h) => h.jsonValue() as Promise<number>);

async function notebookTimes(context: BrowserContext, url: string, page?: Page) {
  const p = page ?? (await context.newPage());
  await p.goto(url);
  const [ready, editable] = await Promise.all([mark(p, "pylot:kernel-ready"), mark(p, "pylot:editor-ready")]);
  return { page: p, ready, editable };
}

async function floorTime(context: BrowserContext, base: string, page?: Page) {
  const p = page ?? (await context.newPage());
  await p.goto(`${base}/bench/floor.html`);
  const ms = await p.waitForFunction(() => (window as unknown as { __pyReadyMs?: number }).__pyReadyMs ?? null, null, {
    timeout: 120_000,
  });
  return { page: p, ready: (await ms.jsonValue()) as number };
}

/** `owner` is the storage state holding the owner cookie: a cold context is a fresh cache, same person. */
type Owner = Awaited<ReturnType<BrowserContext["storageState"]>>;

export async function benchStartup(
  browser: Browser,
  base: string,
  notebookUrl: string,
  owner: Owner,
  repeats: number,
): Promise<string[]> {
  const s = {
    nbCold: [] as number[],
    nbWarm: [] as number[],
    edCold: [] as number[],
    edWarm: [] as number[],
    floorCold: [] as number[],
    floorWarm: [] as number[],
  };
  for (let i = 0; i < repeats; i++) {
    // Interleave notebook and floor so machine noise hits both alike.
    const c1 = await browser.newContext({ storageState: owner });
    const cold = await notebookTimes(c1, notebookUrl);
    s.nbCold.push(cold.ready);
    s.edCold.push(cold.editable);
    const warm = await notebookTimes(c1, notebookUrl, cold.page);
    s.nbWarm.push(warm.ready);
    s.edWarm.push(warm.editable);
    await c1.close();
    const c2 = await browser.newContext();
    const fc = await floorTime(c2, base);
    s.floorCold.push(fc.ready);
    s.floorWarm.push((await floorTime(c2, base, fc.page)).ready);
    await c2.close();
  }
  const ratio = (a: number[], b: number[]) => (summarize(a).p50 / summarize(b).p50).toFixed(2);
  return [
    row("floor: bare loadPyodide, cold cache", summarize(s.floorCold)),
    row("floor: bare loadPyodide, warm cache", summarize(s.floorWarm)),
    row("notebook: navigation → Python ready, cold", summarize(s.nbCold)),
    row("notebook: navigation → Python ready, warm", summarize(s.nbWarm)),
    row("notebook: navigation → editor editable, cold", summarize(s.edCold)),
    row("notebook: navigation → editor editable, warm", summarize(s.edWarm)),
    `ratio notebook/floor (p50): cold ${ratio(s.nbCold, s.floorCold)}×, warm ${ratio(s.nbWarm, s.floorWarm)}×  (target ≤ 0.35×)`,
  ];
}
