// CPython 3.14 guards C recursion (json, repr, pickle of deep data) by the C stack pointer, against
// the whole Emscripten stack (about 10 MB of linear memory). In Pyodide every C frame is also a
// wasm frame on the JS engine's own stack, which is far smaller (about 1 MB in a Chromium worker,
// not configurable), so deep C recursion overflows the engine's stack first: "RangeError: Maximum
// call stack size exceeded", a fatal Pyodide error, instead of a RecursionError. Telling CPython
// its stack is smaller makes its own check fire first. Python-to-Python calls use no C stack and
// stay governed by sys.getrecursionlimit().
import type { PyodideAPI } from "pyodide";
import C_STACK_GUARD from "./c_stack.py";
import { COMPILE_C_STACK_BYTES, RUN_C_STACK_BYTES } from "./c-stack-sizes";

interface EmscriptenModule {
  _PyThreadState_Get(): number;
  _emscripten_stack_get_base(): number;
  _PyUnstable_ThreadState_SetStackProtection(tstate: number, start: number, size: number): number;
}

/** Narrow C stack while code runs, wide while it compiles (c_stack.py wraps builtins.compile). */
export function limitCStack(py: PyodideAPI, run = RUN_C_STACK_BYTES, compile = COMPILE_C_STACK_BYTES): void {
  const m = (py as unknown as { _module: EmscriptenModule })._module;
  const protect = (bytes: number) => {
    // The stack grows down from its base: the protected region is its top `bytes`.
    const base = m._emscripten_stack_get_base();
    const failed = m._PyUnstable_ThreadState_SetStackProtection(m._PyThreadState_Get(), base - bytes, bytes);
    if (failed !== 0) throw new Error("could not set the C stack limit");
  };
  protect(run);
  py.registerJsModule("_pylot_c_stack", { widen: () => protect(compile), narrow: () => protect(run) });
  // Its own namespace, not the user's; "<pylot-" names are cut from user tracebacks (runner.py).
  const ns = py.toPy({});
  try {
    py.runPython(C_STACK_GUARD, { globals: ns, filename: "<pylot-c_stack.py>" });
  } finally {
    ns.destroy();
  }
}
