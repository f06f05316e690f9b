// Compiles the module workers into public/. They are not bundled by Next: Turbopack strips
// {type: "module"} from `new Worker(new URL(...))` and Pyodide 314 refuses classic workers,
// so the page starts them by URL. Pyodide is imported by the workers at run time from
// /pyodide/ (a dynamic import of a URL esbuild leaves alone), never bundled.
import { build } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PROTOCOL_VERSION } from "@/lib/kernel/protocol";

interface WorkerEntry {
  entry: string;
  outfile: string;
  /** A .map beside the worker (git-ignored like the worker itself). */
  sourcemap: boolean;
}

export function workerEntries(root: string): WorkerEntry[] {
  return [
    {
      entry: join(root, "lib/kernel/worker/py-worker.ts"),
      outfile: join(root, "public/py-worker.js"),
      sourcemap: true,
    },
    {
      entry: join(root, "lib/kernel/worker/floor-worker.ts"),
      outfile: join(root, "public/bench/floor-worker.js"),
      sourcemap: false,
    },
  ];
}

/** Writes only files whose bytes changed, so a dev server does not reload for nothing. */
async function writeIfDifferent(path: string, contents: Uint8Array): Promise<boolean> {
  const old = await readFile(path).catch(() => null);
  if (old && Buffer.compare(old, contents) === 0) return false;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, contents);
  return true;
}

/** Builds every worker (esbuild takes tens of ms); returns the files that changed. */
export async function buildWorkers(root: string): Promise<string[]> {
  const changed: string[] = [];
  for (const { entry, outfile, sourcemap } of workerEntries(root)) {
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      loader: { ".py": "text" },
      define: { __PYLOT_PROTOCOL_VERSION__: String(PROTOCOL_VERSION) },
      sourcemap: sourcemap ? "linked" : false,
      minify: false,
      legalComments: "none",
      tsconfig: join(root, "tsconfig.json"),
      write: false,
      logLevel: "warning",
    });
    for (const file of result.outputFiles) {
      if (await writeIfDifferent(file.path, file.contents)) changed.push(file.path);
    }
  }
  return changed;
}
