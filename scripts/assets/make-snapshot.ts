// Makes public/pyodide/snapshot.bin: a Pyodide memory image taken after the stdlib modules
// notebooks use most and our runner were imported, so the browser restores a warm
// interpreter (a much faster start, and these imports are already done) instead of booting one.
//
// `_makeSnapshot` / `makeMemorySnapshot` / `_loadSnapshot` are private, undocumented
// Pyodide API (@private / @ignore in pyodide.d.ts). What they require (read in pyodide.mjs
// and pyodide.asm.mjs, 314.0.7): the snapshot is the wasm heap plus a JSON list of the JS
// objects Python holds; each must be reachable by a path from the JS globals, or making the
// snapshot throws "Can't serialize object". So nothing here hands Python a JS function.
// The file system is not in the image: only imports already done survive. A snapshot is
// stamped with the build id of the runtime and refused by any other build, so it is made
// from node_modules/pyodide, the same files prepare.ts copies to public/pyodide/.
//
// It is made in Node: a Node-made image restores in Chromium (checked: see the kernel's
// browser tests). The stamp rebuilds it only when Pyodide, the runner or this list change.
import { loadPyodide } from "pyodide";
import { createRequire } from "node:module";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  installRunner,
  PYTHON_MODULE_FILES,
  sourceHash,
  type PythonModuleSource,
} from "@/lib/kernel/worker/install-runner";

/** Imported before the snapshot is taken. Each must import cleanly in Pyodide. */
export const WARM_MODULES = [
  "abc",
  "argparse",
  "array",
  "ast",
  "asyncio",
  "base64",
  "binascii",
  "bisect",
  "calendar",
  "cmath",
  "collections",
  "collections.abc",
  "contextlib",
  "copy",
  "csv",
  "dataclasses",
  "datetime",
  "decimal",
  "difflib",
  "enum",
  "fnmatch",
  "fractions",
  "functools",
  "glob",
  "gzip",
  "hashlib",
  "heapq",
  "html",
  "inspect",
  "io",
  "itertools",
  "json",
  "linecache",
  "math",
  "numbers",
  "operator",
  "os",
  "pathlib",
  "pickle",
  "pprint",
  "random",
  "re",
  "shutil",
  "sqlite3",
  "statistics",
  "string",
  "struct",
  "sys",
  "tempfile",
  "textwrap",
  "time",
  "timeit",
  "tokenize",
  "traceback",
  "types",
  "typing",
  "unicodedata",
  "urllib.parse",
  "uuid",
  "warnings",
  "weakref",
  "zipfile",
  "zlib",
  "zoneinfo",
];

/** Bump when the way the snapshot is made changes (not its inputs: those are stamped). */
const RECIPE = 2;

export async function loadPythonModules(root: string): Promise<PythonModuleSource[]> {
  const dir = join(root, "lib/kernel/worker");
  return Promise.all(
    PYTHON_MODULE_FILES.map(async (m) => ({ ...m, source: await readFile(join(dir, m.file), "utf8") })),
  );
}

export async function snapshotStamp(root: string): Promise<string> {
  const require = createRequire(join(root, "package.json"));
  const { version } = require("pyodide/package.json") as { version: string };
  return JSON.stringify({
    recipe: RECIPE,
    pyodide: version,
    runner: sourceHash(await loadPythonModules(root)),
    warm: WARM_MODULES,
  });
}

const WARM_UP = `
import importlib
for name in modules:
    importlib.import_module(name)
`;

/** Boots Pyodide in Node, warms it, and writes the snapshot atomically. Returns its size. */
export async function makeSnapshot(root: string, outFile: string): Promise<number> {
  const modules = await loadPythonModules(root);
  const py = await loadPyodide({
    _makeSnapshot: true,
    // Node would bake the build machine's script path into sys.executable and os.environ["_"];
    // this is what a browser boot has. (LANG stays C.UTF-8: the browser's depends on the user.)
    _sysExecutable: "./this.program",
    stdout: () => {},
    stderr: (m) => console.warn(m),
  });
  installRunner(py, modules);
  const ns = py.toPy({ modules: WARM_MODULES });
  py.runPython(WARM_UP, { globals: ns });
  ns.destroy();
  const image = py.makeMemorySnapshot();
  await verify(image, modules);
  const tmp = `${outFile}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, image);
    await rename(tmp, outFile);
  } finally {
    await rm(tmp, { force: true });
  }
  return image.length;
}

/** Restores the image and runs a cell through the runner: a broken image never ships. */
async function verify(image: Uint8Array, modules: PythonModuleSource[]): Promise<void> {
  const py = await loadPyodide({ _loadSnapshot: image, stdout: () => {}, stderr: () => {} });
  if (installRunner(py, modules) !== "present") throw new Error("snapshot check: runner missing from the image");
  const runner = py.pyimport("_pylot_runner");
  let sent = "";
  runner.attach((json: string) => (sent += json));
  const status = runner.run_cell("import statistics\nstatistics.mean([1, 2, 3]) + 1", 1);
  runner.destroy();
  if (status !== "ok" || !sent.includes('"text/plain": "3"'))
    throw new Error(`snapshot check failed: ${status} ${sent}`);
}
