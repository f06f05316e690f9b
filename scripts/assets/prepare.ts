// Puts everything the browser loads from our origin into public/ (all git-ignored):
//   public/pyodide/   the Pyodide runtime (the CDN is unreachable) + snapshot.bin
//   public/monaco/vs  Monaco's AMD build (@monaco-editor/react's CDN loader hangs offline)
//   public/katex      KaTeX's stylesheet and fonts (math in markdown and text/latex; no font CDN)
//   public/py-worker.js, public/bench/floor-worker.js  the module workers
// Runs in postinstall, build and before tests, so the up-to-date path is a few stats and an
// esbuild pass. A snapshot that cannot be made only costs start-up time: warn and go on.
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWorkers } from "./build-workers";
import { copyIfChanged, mirrorDir } from "./copy-if-changed";
import { makeSnapshot, snapshotStamp } from "./make-snapshot";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];

const require = createRequire(join(ROOT, "package.json"));
/** A package's directory, found the way Node would (monaco-editor does not export package.json). */
function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (existsSync(join(dir, name, "package.json"))) return join(dir, name);
  }
  throw new Error(`package ${name} is not installed`);
}

async function timedStep<T>(name: string, fn: () => Promise<T>, summary: (result: T) => string): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  console.log(`assets: ${name}: ${summary(result)} (${Math.round(performance.now() - t0)} ms)`);
  return result;
}

async function copyPyodide(): Promise<number> {
  const src = packageDir("pyodide");
  const dst = join(ROOT, "public/pyodide");
  const copied = await Promise.all(PYODIDE_FILES.map((f) => copyIfChanged(join(src, f), join(dst, f))));
  return copied.filter(Boolean).length;
}

async function copyKatex(): Promise<{ copied: number; removed: number }> {
  const src = join(packageDir("katex"), "dist");
  const dst = join(ROOT, "public/katex");
  const fonts = await mirrorDir(join(src, "fonts"), join(dst, "fonts"));
  const css = await copyIfChanged(join(src, "katex.min.css"), join(dst, "katex.min.css"));
  return { copied: fonts.copied + (css ? 1 : 0), removed: fonts.removed };
}

async function ensureSnapshot(): Promise<string> {
  const out = join(ROOT, "public/pyodide/snapshot.bin");
  const stampFile = join(ROOT, "public/pyodide/snapshot.stamp.json");
  if (process.env.PYLOT_NO_SNAPSHOT === "1") {
    await Promise.all([rm(out, { force: true }), rm(stampFile, { force: true })]);
    return "none (PYLOT_NO_SNAPSHOT=1: Python boots without one)";
  }
  const stamp = await snapshotStamp(ROOT);
  const [oldStamp, exists] = await Promise.all([
    readFile(stampFile, "utf8").catch(() => null),
    stat(out).then(
      () => true,
      () => false,
    ),
  ]);
  if (exists && oldStamp === stamp) return "up to date";
  try {
    await rm(stampFile, { force: true });
    const bytes = await makeSnapshot(ROOT, out);
    await writeFile(stampFile, stamp);
    return `made ${(bytes / 1e6).toFixed(1)} MB`;
  } catch (e) {
    // The worker falls back to a normal boot when /pyodide/snapshot.bin is missing.
    await rm(out, { force: true });
    console.warn(
      `assets: WARNING could not make the Pyodide snapshot, Python will boot without it: ${e instanceof Error ? e.message : e}`,
    );
    return "FAILED (see warning)";
  }
}

async function main() {
  const t0 = performance.now();
  await mkdir(join(ROOT, "public"), { recursive: true });
  await timedStep("pyodide", copyPyodide, (n) => (n ? `copied ${n} files` : "up to date"));
  await timedStep(
    "monaco",
    () => mirrorDir(join(packageDir("monaco-editor"), "min/vs"), join(ROOT, "public/monaco/vs")),
    (r) => (r.copied || r.removed ? `copied ${r.copied}, removed ${r.removed}` : "up to date"),
  );
  await timedStep("katex", copyKatex, (r) =>
    r.copied || r.removed ? `copied ${r.copied}, removed ${r.removed}` : "up to date",
  );
  await timedStep(
    "workers",
    () => buildWorkers(ROOT),
    (files) => (files.length ? `wrote ${files.length} file(s)` : "up to date"),
  );
  await timedStep("snapshot", ensureSnapshot, (r) => r);
  console.log(`assets: ready in ${Math.round(performance.now() - t0)} ms`);
}

main().catch((e: unknown) => {
  console.error("assets: failed:", e);
  process.exit(1);
});
