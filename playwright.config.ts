import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL } from "./e2e/support/config";

// Debian's chromium-headless-shell: the same Blink and V8 as /usr/bin/chromium without the
// desktop browser around them (what Playwright itself runs for headless tests); the suite took a
// third less time in it (docs/performance.md). `--headed` needs the full browser:
// PYLOT_CHROMIUM=/usr/bin/chromium. Benchmarks keep the full browser (scripts/bench/browser.ts).
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const chromiumPath = process.env.PYLOT_CHROMIUM ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 120_000, // a hang detector, not a speed check: a loaded 2-core machine is slow
  // Generous: on a loaded 2-core machine (whose speed drifts) a page may take this
  // long to mount Monaco or finish a step; a passing check returns at once.
  expect: { timeout: 30_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL: E2E_BASE_URL,
    // Off: a trace copies every response body into the trace file, and each notebook loads ≈ 45 MB
    // of Pyodide (wasm, snapshot, stdlib), so tracing doubled Python's start-up and the suite's time.
    // CI keeps only printed output anyway. To debug a test: `npm run test:e2e -- --trace on <spec>`.
    trace: "off",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
