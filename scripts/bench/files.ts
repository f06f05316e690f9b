// npm run bench:files: file upload and restore timings on a fresh stack (numbers only).
import { startStack } from "../harness/stack";
import { launchChromium } from "./browser";
import { benchFiles } from "./file-times";

const secret = "bench-secret-0123456789abcdef0123456789";
const stack = await startStack({ port: Number(process.env.BENCH_PORT ?? 3291), secret });
const browser = await launchChromium();
try {
  console.log(`\n== Pylot file benchmarks (${new Date().toISOString()}) ==`);
  for (const line of await benchFiles(browser, stack.url, Number(process.env.BENCH_REPEATS ?? 3))) console.log(line);
} finally {
  await browser.close();
  await stack.stop();
}
process.exit(0);
