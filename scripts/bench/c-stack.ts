// How deep C recursion behaves in a Chromium worker at several C stack limits: a RecursionError
// (what we want), or a fatal "Maximum call stack size exceeded" when the worker's JS stack runs
// out first. Chooses lib/kernel/worker/c-stack-sizes.ts. Uses the Pyodide in public/pyodide.
//   npm run bench:c-stack -- [KB …]        (default 48 64 80 96 112)
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { launchChromium } from "./browser";

const CASES: Record<string, string> = {
  "json.loads, 100 000 deep": "import json\njson.loads('[' * 100_000 + ']' * 100_000)",
  "repr, 100 000 deep": "l = []\nfor _ in range(100_000): l = [l]\nrepr(l)",
  "pickle.dumps, 100 000 deep": "import pickle\nl = []\nfor _ in range(100_000): l = [l]\npickle.dumps(l)",
  "lru_cache recursion (levels)":
    "import functools\nlevels = 0\n@functools.lru_cache(None)\ndef f(n):\n    global levels\n    levels += 1\n    return 0 if n == 0 else f(n - 1) + 1\ntry:\n    f(900)\nexcept RecursionError:\n    raise RecursionError(f'{levels} levels')",
  "__init__ recursion (levels)":
    "import sys\nsys.setrecursionlimit(100_000)\nlevels = 0\nclass A:\n    def __init__(self, n):\n        global levels\n        levels += 1\n        self.c = A(n - 1) if n else None\ntry:\n    A(50_000)\nexcept RecursionError:\n    raise RecursionError(f'{levels} levels')",
  "compile _strptime (import)": "from datetime import datetime\ndatetime.strptime('March 5, 2024', '%B %d, %Y')",
};

const WORKER = `
import { loadPyodide } from "/pyodide/pyodide.mjs";
self.onmessage = async ({ data: { kb, code } }) => {
  const py = await loadPyodide({ indexURL: "/pyodide/" });
  const m = py._module;
  const base = m._emscripten_stack_get_base();
  m._PyUnstable_ThreadState_SetStackProtection(m._PyThreadState_Get(), base - kb * 1024, kb * 1024);
  try {
    py.runPython(code);
    self.postMessage("ok");
  } catch (e) {
    const text = String(e?.message ?? e);
    if (/fatally failed|Maximum call stack/.test(text)) self.postMessage("FATAL (JS stack)");
    else self.postMessage((text.trim().split("\\n").at(-1) ?? "").replace(/^RecursionError: /, "RecursionError: ").slice(0, 60));
  }
};`;

const PAGE = `<!doctype html><script>
window.runCase = (kb, code) => new Promise((resolve) => {
  const w = new Worker("/worker.mjs", { type: "module" });
  w.onmessage = (e) => { w.terminate(); resolve(e.data); };
  w.onerror = (e) => { w.terminate(); resolve("worker error: " + e.message); };
  w.postMessage({ kb, code });
});
</script>`;

const TYPES: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".zip": "application/zip",
};

async function main() {
  const kbs = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const limits = kbs.length ? kbs : [48, 64, 80, 96, 112];
  const root = path.resolve("public");
  const server = createServer(async (req, res) => {
    const url = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    if (url === "/worker.mjs") return void res.writeHead(200, { "content-type": "text/javascript" }).end(WORKER);
    if (!url.startsWith("/pyodide/")) return void res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    const file = path.join(root, path.normalize(url));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      res
        .writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" })
        .end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    console.log(`C stack limit (KB) → result, one fresh interpreter per case (${await browser.version()})`);
    for (const [name, code] of Object.entries(CASES)) {
      const row: string[] = [];
      for (const kb of limits) {
        const result = await page.evaluate(
          ([kb, code]) =>
            (window as unknown as { runCase(kb: number, code: string): Promise<string> }).runCase(kb, code),
          [kb, code] as const,
        );
        row.push(`${kb}: ${result}`);
      }
      console.log(`${name}\n  ${row.join("\n  ")}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
