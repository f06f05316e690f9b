// npm run bench:interrupt: how long an interrupt of `time.sleep(30)` and of `await asyncio.sleep(30)`
// (a cell awaiting: the worker cancels its task) takes to end the cell, in
// Node (the Node kernel, real Pyodide in a worker_thread) and in Chromium (click → the cell shows
// "interrupted", on a fresh production stack), beside a busy loop measured the same way.
// In Node it also checks that no interrupt restarted Python (a restart would lose variables). Numbers only.
//   npm run bench:interrupt [-- --node-only]
import { NodeKernel } from "../../lib/kernel/node/node-kernel";
import { startStack } from "../harness/stack";
import { launchChromium } from "./browser";
import { benchInterrupt } from "./cell-latency";
import { row, summarize } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SLEEP = "import time\nprint('sleeping', flush=True)\ntime.sleep(30)";
const ASYNC_SLEEP = "import asyncio\nprint('sleeping', flush=True)\nawait asyncio.sleep(30)";
const LOOP = "print('looping', flush=True)\nwhile True:\n    pass";

async function nodeSamples(k: NodeKernel, code: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const result = k.run(code, { onOutput: () => inside() });
    await started;
    await new Promise((r) => setTimeout(r, 20)); // well inside the sleep or loop
    const t0 = performance.now();
    const outcome = await k.interrupt({ restartIfStuck: false });
    const r = await result;
    samples.push(performance.now() - t0);
    if (outcome !== "stopped" || r.status !== "interrupted") throw new Error(`interrupt ${outcome}, run ${r.status}`);
  }
  return samples;
}

async function benchNode(): Promise<string[]> {
  const k = await NodeKernel.start({ interruptGraceMs: 10_000 });
  try {
    await k.run("kept = 1");
    const boots = k.boots;
    const lines = [
      row("Node: interrupt → `time.sleep(30)` ended", summarize(await nodeSamples(k, SLEEP))),
      row("Node: interrupt → `await asyncio.sleep(30)` ended", summarize(await nodeSamples(k, ASYNC_SLEEP))),
      row("Node: interrupt → `while True: pass` ended", summarize(await nodeSamples(k, LOOP))),
    ];
    const kept = await k.run("kept");
    const alive = k.boots === boots && kept.status === "ok";
    lines.push(`Node: variables kept across ${3 * RUNS} interrupts: ${alive ? "yes" : "NO (Python restarted)"}`);
    return lines;
  } finally {
    k.dispose();
  }
}

async function benchChromium(): Promise<string[]> {
  const stack = await startStack({
    port: Number(process.env.BENCH_PORT ?? 3291),
    secret: "bench-secret-0123456789abcdef0123",
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(stack.url);
    await page.getByRole("button", { name: "New notebook" }).click();
    await page.waitForURL(/\/notebooks\//);
    await page.locator('[data-testid="kernel-status"][data-state="ready"]').waitFor({ timeout: 120_000 });
    const sleep = await benchInterrupt(page, RUNS, SLEEP, "Chromium: Interrupt click → `time.sleep(30)` ended");
    const asyncSleep = await benchInterrupt(
      page,
      RUNS,
      ASYNC_SLEEP,
      "Chromium: Interrupt click → `await asyncio.sleep(30)` ended",
    );
    const loop = await benchInterrupt(page, RUNS, LOOP, "Chromium: Interrupt click → `while True` ended");
    // The page never restarts without asking: an interrupt that did not stop would open the
    // restart dialog and this measurement would wait for a phase that never comes.
    return [sleep, asyncSleep, loop];
  } finally {
    await browser.close();
    await stack.stop();
  }
}

console.log(`\n== interrupt benchmarks (${new Date().toISOString()}, ${RUNS} runs each) ==`);
for (const line of await benchNode()) console.log(line);
if (!process.argv.includes("--node-only")) for (const line of await benchChromium()) console.log(line);
process.exit(0);
