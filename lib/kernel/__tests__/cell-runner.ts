// Test support: runs cells through runner.py in a real interpreter the way the worker does,
// collecting every output batch the runner sends. Shared by the runner and library-hook tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PyodideAPI } from "pyodide";
import type { Output } from "@/lib/notebook/outputs";
import { PYTHON_MODULE_FILES, type PythonModuleSource } from "../worker/install-runner";

const WORKER_DIR = join(import.meta.dirname, "../worker");
/** Our Python modules as the worker installs them. */
export const runnerModules: PythonModuleSource[] = PYTHON_MODULE_FILES.map((m) => ({
  ...m,
  source: readFileSync(join(WORKER_DIR, m.file), "utf8"),
}));

interface RunnerModule {
  run_cell(code: string, n: number): string | PromiseLike<string>;
  attach(sink: (json: string) => void): void;
}

/** A cell runner over `py` (the runner must be installed). `attach()` again after a reinstall. */
export function cellRunner(py: PyodideAPI) {
  let runner!: RunnerModule;
  let batches: Output[][] = [];
  let count = 0;
  const attach = () => {
    runner = py.pyimport("_pylot_runner") as unknown as RunnerModule;
    runner.attach((json) => batches.push(JSON.parse(json) as Output[]));
  };
  attach();
  return {
    attach,
    /** Runs a cell; returns the status, its execution count, every output in order and how many batches carried them. */
    async run(code: string) {
      batches = [];
      const n = ++count;
      const status = await runner.run_cell(code, n);
      return { status, n, outputs: batches.flat(), batches: batches.length };
    },
  };
}

/** The text/plain of a result or display output, if it is one. */
export const plainText = (o: Output | undefined) => (o && "data" in o ? o.data["text/plain"] : undefined);
