// npm run bench: start a fresh stack (embedded Postgres + production server) and print
// min/median/max for start-up, cell latency, interrupt and server costs. Numbers only; no asserts.
import { startStack } from "../harness/stack";
import { launchChromium } from "./browser";
import { benchInterrupt, benchTrivialCell } from "./cell-latency";
import { benchFiles } from "./file-times";
import { benchServer } from "./server-times";
import { benchStartup } from "./startup";

const repeats = Number(process.env.BENCH_REPEATS ?? 7);
const secret = "bench-secret-0123456789abcdef0123456789";
const stack = await startStack({ port: Number(process.env.BENCH_PORT ?? 3290), secret });
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(stack.url);
  await page.getByRole("button", { name: "New notebook" }).click();
  await page.waitForURL(/\/notebooks\//);
  const notebookUrl = page.url();
  await page.locator('[data-testid="kernel-status"][data-state="ready"]').waitFor({ timeout: 120_000 });

  console.log(`\n== Pylot benchmarks (${new Date().toISOString()}, ${repeats} start-up repeats) ==`);
  console.log(await benchTrivialCell(page, 150));
  console.log(await benchInterrupt(page, 20));
  const owner = await context.storageState();
  await context.close();
  for (const line of await benchStartup(browser, stack.url, notebookUrl, owner, repeats)) console.log(line);
  for (const line of await benchServer(stack.url, secret)) console.log(line);
  for (const line of await benchFiles(browser, stack.url)) console.log(line);
} finally {
  await browser.close();
  await stack.stop();
}
process.exit(0);
