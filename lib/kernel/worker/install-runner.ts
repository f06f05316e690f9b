// Installs the Python helper modules (display.py, output.py, packages.py, runner.py) into an interpreter.
// Shared by the worker (after boot), the snapshot maker (before the snapshot, so the
// runner is warm) and the Node tests. The sources are passed in, because each caller
// gets them differently: esbuild's text loader in the worker, fs in Node.
import type { PyodideAPI } from "pyodide";

export interface PythonModuleSource {
  /** Module name in sys.modules. */
  name: string;
  /** File name beside this one; also how its frames are recognised (and hidden) in tracebacks. */
  file: string;
  source: string;
}

/** Install order matters: the runner imports the other two. */
export const PYTHON_MODULE_FILES = [
  { name: "_pylot_display", file: "display.py" },
  { name: "_pylot_output", file: "output.py" },
  { name: "_pylot_packages", file: "packages.py" },
  { name: "_pylot_runner", file: "runner.py" },
  { name: "_pylot_complete", file: "complete.py" },
] as const;

/** FNV-1a over all sources: tells whether the runner baked into a snapshot is this one. */
export function sourceHash(modules: readonly PythonModuleSource[]): string {
  let h = 0x811c9dc5;
  for (const m of modules) {
    const text = `${m.name}\0${m.source}\0`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, "0");
}

// Runs in a throwaway dict, not __main__, so the user's namespace starts clean.
const INSTALLER = `
import sys, types
def _install():
    current = sys.modules.get("_pylot_runner")
    if current is not None and getattr(current, "__pylot_source_hash__", None) == source_hash:
        return "present"
    for name, filename, source in modules:
        mod = types.ModuleType(name)
        mod.__file__ = filename
        sys.modules[name] = mod
        exec(compile(source, filename, "exec", dont_inherit=True), mod.__dict__)
    sys.modules["_pylot_runner"].__pylot_source_hash__ = source_hash
    return "installed"
_install()
`;

/**
 * Makes `import _pylot_runner` work. Returns "present" when a snapshot already holds
 * this exact runner, "installed" when it was (re)installed.
 */
export function installRunner(py: PyodideAPI, modules: readonly PythonModuleSource[]): "present" | "installed" {
  const ns = py.toPy({
    source_hash: sourceHash(modules),
    // A pseudo-filename per module, e.g. <pylot-runner.py>; never a real path users could hit.
    modules: modules.map((m) => [m.name, `<pylot-${m.file}>`, m.source]),
  });
  try {
    return py.runPython(INSTALLER, { globals: ns }) as "present" | "installed";
  } finally {
    ns.destroy();
  }
}
